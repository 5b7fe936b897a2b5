using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// Deterministic, realistic sessions: the mix of types a team that uses omk every day records (team runs with several
/// workers, autopilot and ralph runs, imported Kimi sessions with an id and an actual cost), over about a year.
/// </summary>
internal static class BenchmarkSessions
{
    private static readonly DateTimeOffset FirstStart = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Projects =
        ["refactor-auth", "billing-api", "search-index", "docs-site", "payments", "ci-pipeline", "mobile-sync", "data-export"];

    private static readonly string[] Roles = ["implementer", "reviewer", "architect", "security-audit", "tester"];

    /// <summary>Creates <paramref name="count"/> sessions, the same ones for the same count.</summary>
    public static List<SessionCost> Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var sessions = new List<SessionCost>(count);
        var started = FirstStart;
        for (var index = 0; index < count; index++)
        {
            // About 300 sessions a day at 100 000 sessions a year; fractions of a second as a real clock gives them.
            started = started.AddTicks(random.NextInt64(TimeSpan.TicksPerMinute, 10 * TimeSpan.TicksPerMinute));
            sessions.Add(Next(random, index, started));
        }

        return sessions;
    }

    /// <summary>Creates one more session of the same kind, to record.</summary>
    public static SessionCost NewTeamSession() => new()
    {
        SessionType = "team",
        Name = "bench-record",
        StartedAt = new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero),
        EndedAt = new DateTimeOffset(2027, 1, 1, 9, 30, 0, TimeSpan.Zero),
        Estimate = CostEstimator.EstimateTeam(1800, 3, "implementer"),
    };

    private static SessionCost Next(Random random, int index, DateTimeOffset started)
    {
        var project = Projects[random.Next(Projects.Length)];
        var durationSecs = random.Next(30, 3 * 3600);
        var ended = started.AddSeconds(durationSecs).AddTicks(random.Next(0, (int)TimeSpan.TicksPerSecond));
        var kind = random.Next(100);
        if (kind < 40)
        {
            var role = Roles[random.Next(Roles.Length)];
            return new SessionCost
            {
                SessionType = "team",
                Name = $"{project}-{role}-{index % 97}",
                StartedAt = started,
                EndedAt = ended,
                Estimate = CostEstimator.EstimateTeam(durationSecs, random.Next(1, 7), role),
            };
        }

        if (kind < 65)
        {
            return new SessionCost
            {
                SessionType = "autopilot",
                Name = $"{project}-autopilot-{index % 89}",
                StartedAt = started,
                EndedAt = ended,
                Estimate = CostEstimator.EstimateAutopilot(durationSecs, random.Next(0, 6)),
            };
        }

        if (kind < 85)
        {
            return new SessionCost
            {
                SessionType = "ralph",
                Name = $"{project}-ralph-{index % 83}",
                StartedAt = started,
                EndedAt = ended,
                Estimate = CostEstimator.EstimateRalph(durationSecs, random.Next(1, 12), random.Next(0, 8)),
            };
        }

        var input = (ulong)random.NextInt64(20_000, 4_000_000);
        var output = (ulong)random.NextInt64(2_000, 300_000);
        var estimate = CostEstimator.FromExactTokens(input, output, PricingTier.Standard);
        return new SessionCost
        {
            SessionType = "kimi",
            Name = $"{project}: kimi session {index}",
            StartedAt = started,
            EndedAt = ended,
            Estimate = estimate,
            ActualUsd = decimal.Round(estimate.EstimatedUsd * 0.85m, 6),
            Id = $"kimi:{random.NextInt64():x16}{index:x8}",
        };
    }
}
