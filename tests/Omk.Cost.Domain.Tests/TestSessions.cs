namespace Omk.Cost.Domain.Tests;

/// <summary>
/// Builds the sessions and trackers that the domain tests share.
/// </summary>
internal static class TestSessions
{
    /// <summary>A fixed instant, so that no test depends on the clock.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static SessionCost Create(
        string sessionType = "team",
        string name = "refactor-auth",
        decimal estimatedUsd = 1m,
        DateTimeOffset? startedAt = null,
        decimal? actualUsd = null,
        string? id = null,
        ulong inputTokens = 750,
        ulong outputTokens = 250) =>
        new()
        {
            SessionType = sessionType,
            Name = name,
            StartedAt = startedAt ?? Noon,
            EndedAt = (startedAt ?? Noon).AddMinutes(30),
            Estimate = new CostEstimate(inputTokens, outputTokens, 60, 1, estimatedUsd, PricingTier.Standard),
            ActualUsd = actualUsd,
            Id = id,
        };

    public static CostTracker Tracker() => new(new InMemoryCostSink());

    public static async Task<CostTracker> TrackerWith(params SessionCost[] sessions)
    {
        var tracker = Tracker();
        foreach (var session in sessions)
        {
            await tracker.RecordAsync(session);
        }

        return tracker;
    }

    public static CancellationToken Cancelled() => new(canceled: true);
}
