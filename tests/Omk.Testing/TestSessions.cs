using Omk.Cost.Domain;

namespace Omk.Testing;

/// <summary>
/// Builds the sessions and trackers that the tests share, at fixed instants so that no test depends on the clock.
/// </summary>
public static class TestSessions
{
    /// <summary>The instant of <see cref="Create"/>'s sessions.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The instant of <see cref="Stored"/>'s sessions.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a session of 30 minutes from <see cref="Noon"/> (or <paramref name="startedAt"/>).</summary>
    /// <param name="sessionType">The session's type.</param>
    /// <param name="name">The session's name.</param>
    /// <param name="estimatedUsd">The estimate's amount.</param>
    /// <param name="startedAt">When it started, or null for <see cref="Noon"/>.</param>
    /// <param name="actualUsd">The actual cost, or null.</param>
    /// <param name="id">The id, or null.</param>
    /// <param name="inputTokens">The estimate's input tokens.</param>
    /// <param name="outputTokens">The estimate's output tokens.</param>
    /// <returns>The session.</returns>
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

    /// <summary>
    /// Creates the design's sample session as a store writes it: 30 minutes from <see cref="Morning"/>, two workers,
    /// <c>~$0.0091</c> (the <c>costs.json</c> entry the file-store tests compare byte for byte).
    /// </summary>
    /// <param name="sessionType">The session's type.</param>
    /// <param name="name">The session's name.</param>
    /// <param name="id">The id, or null.</param>
    /// <param name="actualUsd">The actual cost, or null.</param>
    /// <param name="tier">The estimate's tier.</param>
    /// <returns>The session.</returns>
    public static SessionCost Stored(
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

    /// <summary>Creates a tracker over an empty in-memory ledger.</summary>
    /// <returns>The tracker.</returns>
    public static CostTracker Tracker() => new(new InMemoryCostSink());

    /// <summary>Creates a tracker over an in-memory ledger that holds the sessions given.</summary>
    /// <param name="sessions">The sessions, recorded in order.</param>
    /// <returns>The tracker.</returns>
    public static async Task<CostTracker> TrackerWith(params SessionCost[] sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var tracker = Tracker();
        foreach (var session in sessions)
        {
            await tracker.RecordAsync(session);
        }

        return tracker;
    }

    /// <summary>Gets a token that is already cancelled.</summary>
    /// <returns>The token.</returns>
    public static CancellationToken Cancelled() => new(canceled: true);
}
