using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// Maps a Kimi session's usage to the <see cref="SessionCost"/> recorded in the omk ledger.
/// </summary>
/// <remarks>
/// Input tokens are the other input, the cache reads and the cache creation together; output tokens are the output.
/// A fully priced session records its priced cost as both the estimate and the actual cost. A session with any
/// call whose model has no price keeps the heuristic estimate of its exact tokens (at the tier its main model
/// hints) and an unknown (null) actual cost: a partial sum is never recorded as what it cost. The duration is the time
/// from the session's first counted call to its last, to the nearest second.
/// </remarks>
internal static class KimiSessionCostMapper
{
    public const string SessionType = "kimi";

    public const string IdPrefix = "kimi:";

    public static SessionCost ToSessionCost(SessionUsage session, PriceTable prices)
    {
        var summary = session.Summarize(prices);
        var usage = summary.Usage;
        var model = session.MainModel;
        var estimate = CostEstimator.FromExactTokens(usage.InputTokens, usage.Output, PricingTiers.FromModelHint(model)) with
        {
            DurationSecs = DurationSecs(session.Calls),
        };
        if (summary.CostUsd is { } cost)
        {
            estimate = estimate with { EstimatedUsd = cost };
        }

        return new SessionCost
        {
            SessionType = SessionType,
            Name = session.Title ?? session.SessionId,
            StartedAt = session.StartedAt,
            EndedAt = session.EndedAt,
            Estimate = estimate,
            ActualUsd = summary.CostUsd,
            Id = IdPrefix + session.SessionId,
            Details = new SessionUsageDetails
            {
                Model = model,
                Project = session.Project,
                CacheReadTokens = usage.CacheRead,
                CacheCreationTokens = usage.CacheCreation,
            },
        };
    }

    /// <summary>Gets the whole seconds from the first call to the last (the calls are in time order), or 0 without two calls.</summary>
    private static ulong DurationSecs(IReadOnlyList<UsageCall> calls)
    {
        if (calls.Count < 2)
        {
            return 0;
        }

        var span = calls[^1].Timestamp - calls[0].Timestamp;
        return span <= TimeSpan.Zero ? 0 : (ulong)Math.Round(span.TotalSeconds, MidpointRounding.AwayFromZero);
    }
}
