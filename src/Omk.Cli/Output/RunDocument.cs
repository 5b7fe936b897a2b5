using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> summary of <c>omk cost run</c>: one line on standard error when the run has been settled.</summary>
internal sealed record RunDocument
{
    /// <summary>Gets what became of the run: <c>exited</c>, <c>stopped_at_budget</c> or <c>interrupted</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Gets omk's exit code: the command's, or 3 when it was stopped at the budget.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Gets the command's exit code, or null when a signal ended it.</summary>
    public int? ChildExitCode { get; init; }

    /// <summary>Gets the signal that ended the command, or null when it exited.</summary>
    public int? ChildSignal { get; init; }

    /// <summary>Gets what the run could spend when it started, or null for no bound.</summary>
    public decimal? AllowanceUsd { get; init; }

    /// <summary>Gets what its sessions' logs show it spent.</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>Gets what the run held reserved when it ended (the gate's reservation and the steps it reserved since).</summary>
    public decimal HeldUsd { get; init; }

    /// <summary>Gets a value indicating whether every call had a price.</summary>
    public required bool CostKnown { get; init; }

    /// <summary>Gets the number of model calls.</summary>
    public required int Calls { get; init; }

    /// <summary>Gets the Kimi sessions the command wrote.</summary>
    public required IReadOnlyList<string> Sessions { get; init; }

    /// <summary>Gets the main model of the record.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the record's session type.</summary>
    public string? SessionType { get; init; }

    /// <summary>Gets the record's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets when the command started, in RFC 3339 UTC.</summary>
    public string? StartedAt { get; init; }

    /// <summary>Gets when the command ended, in RFC 3339 UTC.</summary>
    public string? EndedAt { get; init; }

    /// <summary>Gets how long it ran, in seconds.</summary>
    public ulong? DurationSecs { get; init; }

    /// <summary>Gets the reservation that was settled.</summary>
    public string? ReservationId { get; init; }

    /// <summary>Gets what the settle found of the reservation: <c>active</c>, <c>expired</c>, <c>not_found</c>, <c>unstored</c> or <c>not_settled</c>.</summary>
    public string? Reservation { get; init; }

    /// <summary>Gets when the call that reached the allowance was logged, in RFC 3339 UTC, for a stop at the budget.</summary>
    public string? CrossedAt { get; init; }

    /// <summary>Gets the spend read when the supervisor decided to stop the command.</summary>
    public decimal? SpentAtStopUsd { get; init; }

    /// <summary>Gets the calls read when the supervisor decided to stop the command.</summary>
    public int? CallsAtStop { get; init; }

    /// <summary>Gets the milliseconds from the logged crossing call to SIGINT.</summary>
    public double? StopLatencyMs { get; init; }

    /// <summary>Gets the signals sent to the command's group, in order, with when (RFC 3339 UTC).</summary>
    public IReadOnlyList<string>? Signals { get; init; }

    /// <summary>Creates the document of a settled run.</summary>
    /// <param name="outcome">The run.</param>
    /// <param name="exitCode">omk's exit code.</param>
    /// <param name="reservationState">What the settle found of the reservation.</param>
    /// <returns>The document.</returns>
    public static RunDocument From(RunOutcome outcome, int exitCode, string reservationState)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var stop = outcome.Stop;
        var signalAt = stop?.Signals.Count > 0 ? stop.Signals[0].At : (DateTimeOffset?)null;
        return new RunDocument
        {
            Outcome = outcome.StoppedAtBudget ? "stopped_at_budget" : stop is not null ? "interrupted" : "exited",
            ExitCode = exitCode,
            ChildExitCode = outcome.Exit?.Code,
            ChildSignal = outcome.Exit?.Signal,
            AllowanceUsd = outcome.AllowanceUsd,
            HeldUsd = outcome.HeldUsd,
            SpentUsd = outcome.Spend.SpentUsd,
            CostKnown = outcome.Spend.CostKnown,
            Calls = outcome.Spend.Calls,
            Sessions = [.. outcome.Spend.Sessions.Select(static session => session.SessionId)],
            Model = outcome.Record?.Details?.Model,
            SessionType = outcome.Record?.SessionType,
            Name = outcome.Record?.Name,
            StartedAt = outcome.StartedAt is { } started ? Rfc3339.Format(started) : null,
            EndedAt = outcome.EndedAt is { } ended ? Rfc3339.Format(ended) : null,
            DurationSecs = outcome.Record?.Estimate.DurationSecs,
            ReservationId = outcome.Decision.Reservation?.Id,
            Reservation = reservationState,
            CrossedAt = stop?.CrossedAt is { } crossed ? Rfc3339.Format(crossed) : null,
            SpentAtStopUsd = stop?.SpentUsd,
            CallsAtStop = stop?.Calls,
            StopLatencyMs = stop?.CrossedAt is { } at && signalAt is { } sent ? Math.Round((sent - at).TotalMilliseconds, 1) : null,
            Signals = stop?.Signals.Select(static signal => $"{signal.Signal switch { RunSignal.Interrupt => "SIGINT", RunSignal.Terminate => "SIGTERM", _ => "SIGKILL" }} {Rfc3339.Format(signal.At)}").ToList(),
        };
    }
}
