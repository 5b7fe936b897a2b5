using Omk.Cost.Domain;

namespace Omk.Cost.Application.Runs;

/// <summary>
/// Makes the one ledger session of a supervised run from the agent sessions it wrote: their tokens and exact cost,
/// the main model, the run's project, type, name and wall-clock times.
/// </summary>
internal static class RunRecord
{
    /// <summary>Makes the record.</summary>
    /// <param name="spend">The run's sessions, as read after the command ended.</param>
    /// <param name="request">The run.</param>
    /// <param name="startedAt">When the command started.</param>
    /// <param name="endedAt">When it ended.</param>
    /// <returns>
    /// The session: with one agent session, that session's identity (so that a later import of it replaces this record
    /// instead of adding it again); with several, the identity of the first, the others' calls added to it (what the
    /// run reports; the ledger gets one record a session, <see cref="PerSession"/>).
    /// </returns>
    public static SessionCost Of(RunSpend spend, RunRequest request, DateTimeOffset startedAt, DateTimeOffset endedAt)
    {
        var type = request.Reservation.SessionType ?? RunRequest.DefaultSessionType;
        var duration = endedAt <= startedAt ? 0UL : (ulong)Math.Round((endedAt - startedAt).TotalSeconds, MidpointRounding.AwayFromZero);
        var name = request.Reservation.Name ?? request.Command.FileName;
        if (spend.Sessions.Count == 0)
        {
            return new SessionCost
            {
                SessionType = type,
                Name = name,
                StartedAt = startedAt,
                EndedAt = endedAt,
                Estimate = CostEstimator.FromExactTokens(0, 0, PricingTier.Standard) with { DurationSecs = duration },
                ActualUsd = 0m,
                Details = new SessionUsageDetails { Project = request.Command.WorkingDirectory },
            };
        }

        var records = spend.Sessions.Select(static session => session.Record).ToList();
        var first = records[0];
        var input = Sum(records, static record => record.Estimate.InputTokens);
        var output = Sum(records, static record => record.Estimate.OutputTokens);
        var estimated = records.Sum(static record => record.Estimate.EstimatedUsd);
        decimal? actual = records.All(static record => record.ActualUsd.HasValue) ? records.Sum(static record => record.ActualUsd!.Value) : null;
        var main = records.MaxBy(static record => record.Estimate.TotalTokens)!;
        return first with
        {
            SessionType = type,
            Name = request.Reservation.Name ?? (records.Count == 1 ? first.Name : name),
            StartedAt = startedAt,
            EndedAt = endedAt,
            Estimate = first.Estimate with
            {
                InputTokens = input,
                OutputTokens = output,
                DurationSecs = duration,
                EstimatedUsd = estimated,
                Tier = main.Estimate.Tier,
            },
            ActualUsd = actual,
            Details = new SessionUsageDetails
            {
                Model = main.Details?.Model,
                Project = first.Details?.Project ?? request.Command.WorkingDirectory,
                CacheReadTokens = Sum(records, static record => record.Details?.CacheReadTokens ?? 0),
                CacheCreationTokens = Sum(records, static record => record.Details?.CacheCreationTokens ?? 0),
            },
        };
    }

    /// <summary>
    /// Makes the record of each of the run's sessions alone, under that session's id (the id an import gives it), with
    /// the run's type and name: the calls the run made, or, for a session the run resumed, the session whole (what its
    /// calls before the run spent as well, <see cref="MeteredSession.Whole"/>, from when it started). Stored by id, they
    /// leave the ledger holding each session once, as an import of them would, whatever it held before.
    /// </summary>
    /// <param name="spend">The run's sessions, as read after the command ended.</param>
    /// <param name="request">The run.</param>
    /// <param name="startedAt">When the command started.</param>
    /// <param name="endedAt">When the command ended.</param>
    /// <returns>One record a session, in the order of <paramref name="spend"/>.</returns>
    public static IReadOnlyList<SessionCost> PerSession(RunSpend spend, RunRequest request, DateTimeOffset startedAt, DateTimeOffset endedAt) =>
        [.. spend.Sessions.Select(session => session.Whole is { } whole
            ? Of(new RunSpend([session with { Record = whole }]), request, whole.StartedAt, endedAt)
            : Of(new RunSpend([session]), request, startedAt, endedAt))];

    /// <summary>Adds up token counts, saturating at <see cref="ulong.MaxValue"/>.</summary>
    private static ulong Sum(List<SessionCost> records, Func<SessionCost, ulong> tokens) =>
        records.Aggregate(0UL, (sum, record) => sum > ulong.MaxValue - tokens(record) ? ulong.MaxValue : sum + tokens(record));
}
