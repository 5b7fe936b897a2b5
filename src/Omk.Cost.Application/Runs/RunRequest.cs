using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Runs;

/// <summary>What <see cref="RunSupervisor"/> is asked to run, and what it may spend.</summary>
public sealed record RunRequest
{
    /// <summary>The session type of a run when none is given.</summary>
    public const string DefaultSessionType = "kimi";

    /// <summary>The grace a command is given after each signal when none is given.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    /// <summary>How often the reservation is renewed (and the budgets read again) while the command runs, when not given.</summary>
    public static readonly TimeSpan DefaultRenewEvery = TimeSpan.FromMinutes(1);

    /// <summary>Gets the command to run.</summary>
    public required ChildCommand Command { get; init; }

    /// <summary>
    /// Gets what the gate reserves before the command starts: the amount, the run's type and name, the budgets named,
    /// and how long the reservation lives between renewals.
    /// </summary>
    public required ReservationRequest Reservation { get; init; }

    /// <summary>Gets the most the run may spend, in US dollars, or null to stop only at what the budgets leave.</summary>
    public decimal? LimitUsd { get; init; }

    /// <summary>Gets how long the command is given after SIGINT before SIGTERM, and after SIGTERM before SIGKILL.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan Grace { get; init; } = DefaultGrace;

    /// <summary>Gets how often the reservation is renewed and the budgets read again while the command runs.</summary>
    /// <value>The default value is one minute.</value>
    public TimeSpan RenewEvery { get; init; } = DefaultRenewEvery;

    /// <summary>
    /// Gets a value indicating whether a store that cannot be reached admits the run anyway, with a reservation no
    /// store holds, instead of failing before anything starts.
    /// </summary>
    public bool FailOpen { get; init; }
}
