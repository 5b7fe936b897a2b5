namespace Omk.Cost.Application.Runs;

/// <summary>How a supervisor stopped the command it ran: why, at what spend, and the signals it sent when.</summary>
public sealed record RunStop
{
    /// <summary>Gets why the command was stopped.</summary>
    public required RunStopReason Reason { get; init; }

    /// <summary>Gets what the run could spend when it was stopped (null for an interrupt without a limit).</summary>
    public decimal? AllowanceUsd { get; init; }

    /// <summary>Gets what the run had spent, as read when the supervisor decided to stop it.</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>Gets the model calls the run had made, as read when the supervisor decided to stop it.</summary>
    public required int Calls { get; init; }

    /// <summary>Gets when the call that reached the allowance was logged, or null for an interrupt.</summary>
    public DateTimeOffset? CrossedAt { get; init; }

    /// <summary>Gets the signals sent to the command's process group, each with when it was sent, in order.</summary>
    public required IReadOnlyList<(RunSignal Signal, DateTimeOffset At)> Signals { get; init; }
}
