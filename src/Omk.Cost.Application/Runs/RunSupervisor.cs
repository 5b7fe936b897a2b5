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
/// <para>
/// When budgets apply, a run may spend only what it holds reserved: the gate's reservation, then more as its spend
/// comes near what it holds (each a reservation of its own through the same gate, so that it is admitted only when
/// every budget that applies still has room, and concurrent runs on any machine never hold more than a budget leaves).
/// When a budget has no more room, the run is stopped at what it holds. Without budgets, the run may spend its limit.
/// </para>
/// <para>
/// The only spend past it is that of the calls the agent makes between the logged call that reached it and the stop.
/// The settle records the exact cost against the gate's reservation and gives back the others.
/// </para>
/// <para>
/// When budgets count agent sessions' live spend (<see cref="OmkCostServiceCollectionExtensions.CountLiveSpend"/>), the
/// run's own steps leave out its own sessions' calls since it started (<see cref="OwnLiveSessions"/>: what it holds
/// counts them), count what a session it resumed spent before it, and every other session's unimported spend, once, so
/// the run is stopped when that spend and its own reach what a budget leaves.
/// </para>
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
        var own = OwnLiveSessions.Begin();
        var reservationRequest = request.Reservation with { SessionType = request.Reservation.SessionType ?? RunRequest.DefaultSessionType };
        var admitted = await _admit.GateAsync(reservationRequest, request.FailOpen, CancellationToken.None).ConfigureAwait(false);
        var decision = admitted.Decision;
        if (decision.Reservation is not { } reservation)
        {
            return new RunOutcome { Decision = decision };
        }

        var run = new Run(this, request with { Reservation = reservationRequest }, reservation, decision.Budgets.Count > 0 && !BudgetGate.IsUnstored(reservation.Id), own);
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
            own.Set(spend);
            var record = RunRecord.Of(spend, run.Request, run.StartedAt, endedAt);
            var each = RunRecord.PerSession(spend, run.Request, run.StartedAt, endedAt);
            var settled = each.Count > 1 ? RunRecord.Of(new RunSpend([spend.Sessions[0]]), run.Request, run.StartedAt, endedAt) : record;
            var recorded = await _record.RecordAsync(settled, reservation.Id, CancellationToken.None).ConfigureAwait(false);
            await StoreEachAsync(spend, each, recorded).ConfigureAwait(false);
            var held = run.HeldUsd;
            await run.GiveBackTopUpsAsync().ConfigureAwait(false);
            return new RunOutcome
            {
                Decision = decision,
                AdmittedWithoutStore = admitted.AdmittedUncheckedBecause,
                AllowanceUsd = run.InitialAllowance,
                HeldUsd = held,
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
    /// Once the run is settled with its first session's calls (which its reservations stood for, with the others'),
    /// stores by id each session as the ledger should hold it (<see cref="RunRecord.PerSession"/>): a session the run
    /// resumed, whole, and any other with the run's calls (the settle records no session whose id the ledger holds, such
    /// as the part before the run, or the part an import recorded while the run went on), every one under its own id,
    /// so that the ledger holds each once and budgets count none of them again as unimported spend. A store out of
    /// reach, or a settle kept in the outbox, leaves them to the next import; until then budgets count what the ledger
    /// lacks of them as their unimported spend.
    /// </summary>
    private async Task StoreEachAsync(RunSpend spend, IReadOnlyList<SessionCost> each, RecordResult recorded)
    {
        if (recorded.KeptInOutboxBecause is not null)
        {
            return;
        }

        for (var index = 0; index < each.Count; index++)
        {
            // The first too: the ledger may have held its id already (an import while the run went on), and then the
            // settle recorded none of its calls; stored again as the settle recorded it, nothing changes. Not a resumed
            // session without its whole (a call without a price), whichever it is: its run's calls would replace its
            // part before the run; the next import records it whole.
            if (each[index].Id is null || spend.Sessions[index] is { Resumed: true, Whole: null })
            {
                continue;
            }

            try
            {
                await _record.ReplaceAsync(each[index], CancellationToken.None).ConfigureAwait(false);
            }
            catch (CostStoreException)
            {
                // Left to the next import, as above.
                return;
            }
        }
    }

    /// <summary>The state of one supervised run while its command lives.</summary>
    private sealed class Run(RunSupervisor supervisor, RunRequest request, Reservation reservation, bool bounded, OwnLiveSessions own)
    {
        /// <summary>The least a run reserves at a time beyond its gate's reservation.</summary>
        private const decimal LeastTopUpUsd = 0.50m;

        private readonly List<(RunSignal Signal, DateTimeOffset At)> _signals = [];
        private readonly List<Reservation> _topUps = [];
        private bool _topUpsRefused;

        public RunRequest Request { get; } = request;

        public decimal? InitialAllowance { get; } = Allowance(request.LimitUsd, bounded, reservation.AmountUsd);

        /// <summary>Gets what the run holds reserved: the gate's reservation and the ones taken since.</summary>
        public decimal HeldUsd => reservation.AmountUsd + _topUps.Sum(static topUp => topUp.AmountUsd);

        /// <summary>Gets what the run may spend now: what it holds (capped by its limit) when budgets apply, else its limit.</summary>
        private decimal? CurrentAllowance => Allowance(Request.LimitUsd, bounded, HeldUsd);

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
                    own.Set(spend);
                    if (Stop is null && !interrupted.Task.IsCompleted)
                    {
                        await TopUpAsync(spend.SpentUsd).ConfigureAwait(false);
                    }

                    if (Stop is null && interrupted.Task.IsCompleted)
                    {
                        StopAt(child, RunStopReason.Interrupted, spend, CurrentAllowance);
                        escalation = Task.Delay(Request.Grace, time, done.Token);
                    }
                    else if (Stop is null && CurrentAllowance is { } bound && spend.Calls > 0 && spend.SpentUsd >= bound)
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

        /// <summary>Gives back the reservations taken beyond the gate's, once the run is settled.</summary>
        public async Task GiveBackTopUpsAsync()
        {
            foreach (var topUp in _topUps)
            {
                try
                {
                    await supervisor._reservations.ReleaseAsync(topUp.Id, CancellationToken.None).ConfigureAwait(false);
                }
                catch (CostStoreException)
                {
                    // A store out of reach: the reservation expires at the end of its life, and `reservations` lists it.
                }
            }
        }

        private static decimal? Allowance(decimal? limitUsd, bool bounded, decimal heldUsd) =>
            !bounded ? limitUsd : limitUsd is { } limit ? Math.Min(limit, heldUsd) : heldUsd;

        /// <summary>
        /// Reserves more through the gate when the run's spend comes within half a step of what it holds, while its
        /// limit allows: a step of the gate's amount (at least <see cref="LeastTopUpUsd"/>), else exactly the room the
        /// budgets have left. Once a budget has no room, no more is asked until the next renewal.
        /// </summary>
        private async Task TopUpAsync(decimal spentUsd)
        {
            var least = Math.Max(reservation.AmountUsd, LeastTopUpUsd);
            while (bounded && !_topUpsRefused && spentUsd >= HeldUsd - (least / 2))
            {
                var step = Request.LimitUsd is { } limit ? Math.Min(least, limit - HeldUsd) : least;
                if (step <= 0m)
                {
                    return;
                }

                try
                {
                    var decision = await supervisor._gate.ReserveAsync(Request.Reservation with { AmountUsd = step }, CancellationToken.None).ConfigureAwait(false);
                    if (decision.Reservation is null)
                    {
                        var room = decision.Budgets.Count == 0 ? 0m : decision.Budgets.Min(static standing => standing.RemainingUsd);
                        room = Math.Round(room, 2, MidpointRounding.ToZero);
                        decision = room > 0m
                            ? await supervisor._gate.ReserveAsync(Request.Reservation with { AmountUsd = room }, CancellationToken.None).ConfigureAwait(false)
                            : decision;
                    }

                    if (decision.Reservation is { } topUp)
                    {
                        _topUps.Add(topUp);
                    }
                    else
                    {
                        _topUpsRefused = true;
                    }
                }
                catch (Exception exception) when (exception is CostStoreException or BudgetNotFoundException)
                {
                    // A store out of reach, or a budget removed: the run keeps what it holds until the next renewal.
                    _topUpsRefused = true;
                }
            }
        }

        /// <summary>
        /// Renews the life of every reservation the run holds, and lets it ask for more again (what other runs settled
        /// or gave back since may have made room). A store that cannot be reached for a moment changes nothing.
        /// </summary>
        private async Task RenewAsync()
        {
            if (BudgetGate.IsUnstored(reservation.Id))
            {
                return;
            }

            _topUpsRefused = false;
            foreach (var held in (Reservation[])[reservation, .. _topUps])
            {
                try
                {
                    // Each lives a whole time to live past every renewal, so that none expires under a live run.
                    await supervisor._gate.ExtendAsync(held.Id, Request.Reservation.TimeToLive, CancellationToken.None).ConfigureAwait(false);
                }
                catch (CostStoreException)
                {
                    // A store out of reach for a moment: the run goes on.
                }
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
