using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>What a <see cref="SpendSummary"/> keeps of one session.</summary>
/// <param name="StartedUtcTicks">When it started, in UTC ticks.</param>
/// <param name="SessionType">Its type, as spelt.</param>
/// <param name="SpentUsd">Its <see cref="SessionCost.EffectiveUsd"/>: the actual cost where known, else the estimate.</param>
/// <param name="Id">Its id, or null.</param>
internal readonly record struct SpendEntry(long StartedUtcTicks, string SessionType, decimal SpentUsd, string? Id)
{
    /// <summary>Gets the entry of a session.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The entry.</returns>
    public static SpendEntry Of(SessionCost session) => new(session.StartedAt.UtcTicks, session.SessionType, session.EffectiveUsd, session.Id);

    /// <summary>Gets the entry of a session about to be written, as it will read back.</summary>
    /// <param name="document">The session's document.</param>
    /// <returns>The entry.</returns>
    public static SpendEntry Of(SessionCostDocument document) =>
        new(document.StartedAt.UtcTicks, document.SessionType, document.ActualUsd ?? document.Estimate.EstimatedUsd, document.Id);
}
