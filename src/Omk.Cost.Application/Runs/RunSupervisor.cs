using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Runs;

/// <summary>
/// Runs an agent command within a budget, in one step: reserves through the gate (nothing starts when it refuses),
/// starts the command in its own process group, meters the agent sessions it writes live from their logs, renews the
/// reservation while it runs, stops it when its spend reaches what it may spend (SIGINT to its group, then SIGTERM and
/// SIGKILL after the grace), and settles the reservation with the exact cost the logs show.
/// </summary>
/// <remarks>
/// What the run may spend is the least of its limit and, for every budget that applies, what the budget leaves with
/// this run's own reservation given back (limit − spent − the others' reservations), read again at every renewal. The
/// only spend past it is that of the calls the agent makes between the logged call that reached it and the stop.
/// </remarks>
public sealed class RunSupervisor
{
    private readonly BudgetGate _gate;
    private readonly GateUseCase _admit;
    private readonly RecordUseCase _record;
    private readonly ReservationUseCase _reservations;
    private readonly IChildProcessLauncher _launcher;
    private readonly IRunMeter _meter;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="RunSupervisor"/> class.</summary>
    /// <param name="gate">The budget gate that reserves and settles.</param>
    /// <param name="record">Records the run and settles its reservation, keeping the record in the outbox when the store cannot be reached.</param>
    /// <param name="launcher">Starts the command.</param>
    /// <param name="meter">Meters the command's agent sessions.</param>
    /// <param name="timeProvider">The clock of the grace, the renewals and the record's times.</param>
    public RunSupervisor(BudgetGate gate, RecordUseCase record, IChildProcessLauncher launcher, IRunMeter meter, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _gate = gate;
        _admit = new GateUseCase(gate);
        _record = record;
        _reservations = new ReservationUseCase(gate);
        _launcher = launcher;
        _meter = meter;
        _timeProvider = timeProvider;
    }

    /// <summary>Runs the command to its end and settles what it spent.</summary>
    /// <param name="request">What to run and what it may spend.</param>
    /// <param name="interrupt">
    /// Cancelled when the supervisor itself is interrupted (Ctrl-C): the interrupt is passed on to the command, which is
    /// then stopped as at the budget, and the run is still settled.
    /// </param>
    /// <returns>What the run came to.</returns>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    /// <exception cref="CostStoreException">The store cannot be reached before the start (without fail-open), or fails.</exception>
    /// <exception cref="ChildStartException">The command could not be started; the reservation was released.</exception>
    public async Task<RunOutcome> RunAsync(RunRequest request, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reservationRequest = request.Reservation with { SessionType = request.Reservation.SessionType ?? RunRequest.DefaultSessionType };
        var admitted = await _admit.GateAsync(reservationRequest, request.FailOpen, CancellationToken.None).ConfigureAwait(false);
        var decision = admitted.Decision;
        if (decision.Reservation is not { } reservation)
        {
            return new RunOutcome { Decision = decision };
        }

        var run = new Run(this, request with { Reservation = reservationRequest }, reservation, [.. decision.Budgets.Select(static standing => standing.Policy.Name)], Allowance(request.LimitUsd, decision.Budgets, reservation));
        IChildProcess child;
        try
        {
            run.StartedAt = _timeProvider.GetUtcNow();
            child = _launcher.Start(request.Command);
        }
        catch (ChildStartException)
        {
            await _reservations.ReleaseAsync(reservation.Id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        using (child)
        {
            var exit = await run.SuperviseAsync(child, interrupt).ConfigureAwait(false);
            var endedAt = _timeProvider.GetUtcNow();
            var spend = await _meter.ReadAsync(run.Scope, CancellationToken.None).ConfigureAwait(false);
            var record = RunRecord.Of(spend, run.Request, run.StartedAt, endedAt);
            var recorded = await _record.RecordAsync(record, reservation.Id, CancellationToken.None).ConfigureAwait(false);
            return new RunOutcome
            {
                Decision = decision,
                AdmittedWithoutStore = admitted.AdmittedUncheckedBecause,
                AllowanceUsd = run.InitialAllowance,
                Exit = exit,
                Stop = run.Stop,
                Spend = spend,
                Record = record,
                Recorded = recorded,
                StartedAt = run.StartedAt,
                EndedAt = endedAt,
            };
        }
    }

    /// <summary>
    /// Gets what a run may spend: the least of its limit and, for each budget, the limit less what is spent and what
    /// the other runs reserve (this run's reservation given back, as long as it still counts).
    /// </summary>
    private decimal? Allowance(decimal? limitUsd, IReadOnlyList<BudgetStanding> standings, Reservation reservation)
    {
        var allowance = limitUsd;
        var ownCounts = reservation.IsActiveAt(_timeProvider.GetUtcNow());
        foreach (var standing in standings)
        {
            var others = standing.ReservedUsd - (ownCounts ? reservation.AmountUsd : 0m);
            var left = Math.Max(0m, standing.LimitUsd - standing.SpentUsd - Math.Max(0m, others));
            allowance = allowance is { } bound ? Math.Min(bound, left) : left;
        }

        return allowance;
    }

    /// <summary>The state of one supervised run while its command lives.</summary>
    private sealed class Run(RunSupervisor supervisor, RunRequest request, Reservation reservation, IReadOnlyList<string> budgetNames, decimal? allowance)
    {
        private readonly List<(RunSignal Signal, DateTimeOffset At)> _signals = [];
        private decimal? _allowance = allowance;

        public RunRequest Request { get; } = request;

        public decimal? InitialAllowance { get; } = allowance;

        public DateTimeOffset StartedAt { get; set; }

        public RunScope Scope => new(StartedAt, Request.Command.WorkingDirectory);

        public RunStop? Stop { get; private set; }

        public async Task<ChildExit> SuperviseAsync(IChildProcess child, CancellationToken interrupt)
        {
            var time = supervisor._timeProvider;
            using var done = new CancellationTokenSource();
            var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var onInterrupt = interrupt.Register(() => interrupted.TrySetResult());
            Task? change = null;
            Task? escalation = null;
            var renewal = Task.Delay(Request.RenewEvery, time, done.Token);
            try
            {
                while (!child.Exited.IsCompleted)
                {
                    var spend = await supervisor._meter.ReadAsync(Scope, done.Token).ConfigureAwait(false);
                    if (Stop is null && interrupted.Task.IsCompleted)
                    {
                        StopAt(child, RunStopReason.Interrupted, spend, _allowance);
                        escalation = Task.Delay(Request.Grace, time, done.Token);
                    }
                    else if (Stop is null && _allowance is { } bound && spend.Calls > 0 && spend.SpentUsd >= bound)
                    {
                        StopAt(child, RunStopReason.Budget, spend, bound);
                        escalation = Task.Delay(Request.Grace, time, done.Token);
                    }

                    change = change is { IsCompleted: false } ? change : supervisor._meter.WaitForChangeAsync(done.Token);
                    var waits = new List<Task> { child.Exited, change, renewal };
                    if (!interrupted.Task.IsCompleted)
                    {
                        waits.Add(interrupted.Task);
                    }

                    if (escalation is not null)
                    {
                        waits.Add(escalation);
                    }

                    var woke = await Task.WhenAny(waits).ConfigureAwait(false);
                    if (woke == escalation && !child.Exited.IsCompleted)
                    {
                        Escalate(child);
                        escalation = _signals[^1].Signal == RunSignal.Kill ? null : Task.Delay(Request.Grace, time, done.Token);
                    }
                    else if (woke == renewal)
                    {
                        await RenewAsync().ConfigureAwait(false);
                        renewal = Task.Delay(Request.RenewEvery, time, done.Token);
                    }
                }

                return await child.Exited.ConfigureAwait(false);
            }
            finally
            {
                await done.CancelAsync().ConfigureAwait(false);
                await Quietly(change).ConfigureAwait(false);
                await Quietly(escalation).ConfigureAwait(false);
                await Quietly(renewal).ConfigureAwait(false);
            }
        }

        private void StopAt(IChildProcess child, RunStopReason reason, RunSpend spend, decimal? bound)
        {
            Signal(child, RunSignal.Interrupt);
            Stop = new RunStop
            {
                Reason = reason,
                AllowanceUsd = bound,
                SpentUsd = spend.SpentUsd,
                Calls = spend.Calls,
                CrossedAt = reason == RunStopReason.Budget && bound is { } amount ? spend.Crossing(amount)?.Call.Timestamp : null,
                Signals = _signals,
            };
        }

        private void Escalate(IChildProcess child) =>
            Signal(child, _signals[^1].Signal == RunSignal.Interrupt ? RunSignal.Terminate : RunSignal.Kill);

        private void Signal(IChildProcess child, RunSignal signal)
        {
            child.Signal(signal);
            _signals.Add((signal, supervisor._timeProvider.GetUtcNow()));
        }

        /// <summary>
        /// Renews the reservation's life and reads the budgets again, so that what other runs reserved or settled since
        /// the start narrows what this run may spend. A store that cannot be reached for a moment changes nothing.
        /// </summary>
        private async Task RenewAsync()
        {
            if (BudgetGate.IsUnstored(reservation.Id))
            {
                return;
            }

            try
            {
                // The reservation lives a whole time to live past every renewal, so that it never expires under a live run.
                await supervisor._gate.ExtendAsync(reservation.Id, Request.Reservation.TimeToLive, CancellationToken.None).ConfigureAwait(false);
                if (budgetNames.Count > 0)
                {
                    var standings = await supervisor._gate.CheckAsync(budgetNames, CancellationToken.None).ConfigureAwait(false);
                    _allowance = supervisor.Allowance(Request.LimitUsd, standings, reservation);
                }
            }
            catch (Exception exception) when (exception is CostStoreException or BudgetNotFoundException)
            {
                // A store out of reach for a moment, or a budget removed meanwhile: the run keeps what it may spend.
            }
        }

        private static async Task Quietly(Task? task)
        {
            if (task is null)
            {
                return;
            }

            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
