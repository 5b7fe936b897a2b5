using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// Builds the sessions that the adapter tests store.
/// </summary>
internal static class TestSessions
{
    /// <summary>A fixed instant, so that no test depends on the clock.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    public static SessionCost Create(
        string sessionType = "team",
        string name = "refactor-auth",
        string? id = null,
        decimal? actualUsd = null,
        PricingTier tier = PricingTier.Standard) =>
        new()
        {
            SessionType = sessionType,
            Name = name,
            StartedAt = Morning,
            EndedAt = Morning.AddMinutes(30),
            Estimate = new CostEstimate(1950, 650, 60, 2, 0.0091m, tier),
            ActualUsd = actualUsd,
            Id = id,
        };

    public static CancellationToken Cancelled() => new(canceled: true);
}
