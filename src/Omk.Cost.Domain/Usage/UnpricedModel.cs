namespace Omk.Cost.Domain.Usage;

/// <summary>
/// A model that has no price, and how many tokens it used.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Tokens">The tokens of every class it used, saturating.</param>
internal sealed record UnpricedModel(string Model, ulong Tokens);
