namespace Omk.Cost.Domain.Usage;

/// <summary>
/// A model priced as another one from a given moment on, such as a subscription model priced at the rates of the
/// API model it serves.
/// </summary>
internal sealed record ModelAlias
{
    /// <summary>Gets the model that borrows a price, such as <c>kimi-for-coding</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the moment from which the alias applies, or null when it has always applied.</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    /// <summary>Gets the model whose price applies, such as <c>kimi-k2.6</c>.</summary>
    public required string PricedAs { get; init; }

    /// <summary>Gets the day the alias was published or read from its source, or null when unknown.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Gets where the alias comes from, or null when unknown.</summary>
    public string? Source { get; init; }
}
