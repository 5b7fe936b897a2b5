using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Runs;

/// <summary>What a supervised run came to: the gate's decision, how the command ended, what it spent, and its record.</summary>
public sealed record RunOutcome
{
    /// <summary>Gets the gate's decision; when it refused, nothing was started and nothing else is set.</summary>
    public required GateDecision Decision { get; init; }

    /// <summary>Gets why the store could not be reached when the run was admitted without it (fail-open), else null.</summary>
    public CostStoreUnavailableException? AdmittedWithoutStore { get; init; }

    /// <summary>Gets what the run could spend when it started (the least of its limit and, when budgets apply, what it held reserved), or null for no bound.</summary>
    public decimal? AllowanceUsd { get; init; }

    /// <summary>
    /// Gets what the run held reserved when it ended: the gate's reservation and what it reserved more while it spent
    /// (given back at the settle).
    /// </summary>
    public decimal HeldUsd { get; init; }

    /// <summary>Gets how the command ended, or null when it was not started.</summary>
    public ChildExit? Exit { get; init; }

    /// <summary>Gets how the supervisor stopped the command, or null when it ended on its own.</summary>
    public RunStop? Stop { get; init; }

    /// <summary>Gets the run's sessions and calls, as read after the command ended.</summary>
    public RunSpend Spend { get; init; } = RunSpend.None;

    /// <summary>Gets the session recorded for the run, or null when it was not started.</summary>
    public SessionCost? Record { get; init; }

    /// <summary>
    /// Gets where the record went and what the settle found of the reservation (none for a reservation no store holds,
    /// or a record kept in the outbox because the store could not be reached); null when nothing was started.
    /// </summary>
    public RecordResult? Recorded { get; init; }

    /// <summary>Gets when the command started, or null when it was not started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets when the command ended, or null when it was not started.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets a value indicating whether the command was stopped because the run reached what it may spend.</summary>
    public bool StoppedAtBudget => Stop?.Reason == RunStopReason.Budget;
}
