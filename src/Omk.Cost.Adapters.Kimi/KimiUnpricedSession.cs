using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// A Kimi session that <c>omk cost import kimi</c> leaves out because some of its calls' models have no price: its cost
/// is unknown, and the history never records a made-up one.
/// </summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Unpriced">The models without a price, with their tokens.</param>
internal sealed record KimiUnpricedSession(string SessionId, IReadOnlyList<UnpricedModel> Unpriced);
