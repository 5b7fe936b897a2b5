using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// What <see cref="KimiUsageReader"/> found: the sessions with their model calls, the warnings, and the prices in force.
/// </summary>
internal sealed class KimiUsageResult : UsageReading
{
    internal KimiUsageResult(IReadOnlyList<SessionUsage> sessions, IReadOnlyList<UsageWarning> warnings, PriceTable prices)
        : base(sessions, warnings, prices, KimiSessionCostMapper.ToSessionCost)
    {
    }

    /// <summary>Gets how the reading found the result (for tests and measurements).</summary>
    internal KimiReadSource Source { get; init; }

    /// <summary>Gets the <see cref="SessionCost.Id"/> under which <c>omk cost import kimi</c> records a session.</summary>
    /// <param name="sessionId">The Kimi session's id.</param>
    /// <returns>The ledger's id, <c>kimi:&lt;session id&gt;</c>.</returns>
    public static string SessionCostId(string sessionId) => KimiSessionCostMapper.IdPrefix + sessionId;
}
