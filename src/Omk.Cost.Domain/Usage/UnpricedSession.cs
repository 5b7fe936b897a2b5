namespace Omk.Cost.Domain.Usage;

/// <summary>
/// A session that an import leaves out because some of its calls' models have no price: its cost is unknown, and the
/// history never records a made-up one.
/// </summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Unpriced">The models without a price, with their tokens.</param>
internal sealed record UnpricedSession(string SessionId, IReadOnlyList<UnpricedModel> Unpriced);
