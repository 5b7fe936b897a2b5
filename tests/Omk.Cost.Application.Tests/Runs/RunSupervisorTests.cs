using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests.Runs;

public sealed class RunSupervisorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryBudgetStore _store = new();
    private readonly InMemoryCostSink _sink = new();
    private readonly FakeMeter _meter = new();
    private readonly BudgetGate _gate;

    public RunSupervisorTests()
    {
        _gate = new BudgetGate(_store, _time);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task RunAsync_GateRefuses_StartsNothingAndWritesNothing()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 1m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        var launcher = new FakeLauncher(new FakeChild(new HashSet<RunSignal>()));

        var outcome = await Supervisor(launcher).RunAsync(Request(limit: 2m), CancellationToken.None);

        Assert.False(outcome.Decision.Admitted);
        Assert.Empty(launcher.Started);
        Assert.Null(outcome.Exit);
        Assert.Empty(_store.Reservations);
        Assert.Empty(_store.Sessions);
    }

    [Fact]
    public async Task RunAsync_SpendReachesLimit_InterruptsTheGroupAndSettlesTheExactCost()
    {
        var child = new FakeChild(new HashSet<RunSignal>());
        var running = Supervisor(new FakeLauncher(child)).RunAsync(Request(limit: 1m), CancellationToken.None);
        await _meter.WaitingAsync();
        Assert.Single(_store.Reservations);

        for (var call = 1; call <= 7; call++)
        {
            _meter.AddCall(Start.AddSeconds(call), 0.135m);
            await _meter.WakeAndSettleAsync();
        }

        Assert.Empty(child.Received);
        _meter.AddCall(Start.AddSeconds(8), 0.135m);
        _meter.AddCall(Start.AddSeconds(9), 0.135m);
        _time.Advance(TimeSpan.FromSeconds(9.2));
        var outcome = await WakeUntilDoneAsync(running);

        Assert.Equal([RunSignal.Interrupt], child.Received);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Equal(1m, outcome.Stop!.AllowanceUsd);
        Assert.Equal(Start.AddSeconds(8), outcome.Stop.CrossedAt);
        Assert.Equal(9 * 0.135m, outcome.Spend.SpentUsd);
        var recorded = Assert.Single(_store.Sessions);
        Assert.Equal(9 * 0.135m, recorded.ActualUsd);
        Assert.Equal("kimi", recorded.SessionType);
        Assert.Equal("kimi:s-1", recorded.Id);
        Assert.Equal(9UL, recorded.Estimate.DurationSecs);
        Assert.Equal(Start, recorded.StartedAt);
        Assert.Empty(_store.Reservations);
        Assert.Equal(ReservationState.Active, outcome.Recorded!.Settled!.State);
        Assert.True(child.Disposed);
    }

    [Fact]
    public async Task RunAsync_CommandIgnoresInterruptAndTermination_TerminatesThenKillsAfterEachGrace()
    {
        var child = new FakeChild(new HashSet<RunSignal> { RunSignal.Interrupt, RunSignal.Terminate });
        var running = Supervisor(new FakeLauncher(child)).RunAsync(Request(limit: 1m) with { Grace = TimeSpan.FromSeconds(5) }, CancellationToken.None);
        await _meter.WaitingAsync();

        _meter.AddCall(Start.AddSeconds(1), 1.5m);
        await _meter.WakeAndSettleAsync();
        Assert.Equal([RunSignal.Interrupt], child.Received);

        _time.Advance(TimeSpan.FromSeconds(4.9));
        await _meter.WakeAndSettleAsync();
        Assert.Equal([RunSignal.Interrupt], child.Received);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(RunSignal.Interrupt, await child.NextSignalAsync());
        Assert.Equal(RunSignal.Terminate, await child.NextSignalAsync());
        await _meter.WakeAndSettleAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(RunSignal.Kill, await child.NextSignalAsync());

        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([RunSignal.Interrupt, RunSignal.Terminate, RunSignal.Kill], child.Received);
        Assert.Equal(new ChildExit(null, 9), outcome.Exit);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Equal(1.5m, Assert.Single(_store.Sessions).ActualUsd);
    }

    [Fact]
    public async Task RunAsync_Interrupted_PassesTheInterruptOnAndStillSettles()
    {
        var child = new FakeChild(new HashSet<RunSignal>());
        using var interrupt = new CancellationTokenSource();
        var running = Supervisor(new FakeLauncher(child)).RunAsync(Request(limit: 5m), interrupt.Token);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.25m);
        await _meter.WakeAndSettleAsync();

        await interrupt.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal([RunSignal.Interrupt], child.Received);
        Assert.False(outcome.StoppedAtBudget);
        Assert.Equal(RunStopReason.Interrupted, outcome.Stop!.Reason);
        Assert.Equal(130, outcome.Exit!.Value.ShellCode);
        Assert.Equal(0.25m, Assert.Single(_store.Sessions).ActualUsd);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task RunAsync_CommandEndsOnItsOwn_RecordsWhatItSpentAndItsExitCode()
    {
        var child = new FakeChild(new HashSet<RunSignal>());
        var running = Supervisor(new FakeLauncher(child)).RunAsync(Request(limit: 5m), CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.5m);
        _time.Advance(TimeSpan.FromSeconds(3));
        child.Exit(7);

        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Empty(child.Received);
        Assert.Null(outcome.Stop);
        Assert.Equal(7, outcome.Exit!.Value.ShellCode);
        Assert.Equal(0.5m, outcome.Spend.SpentUsd);
        Assert.Equal(3UL, Assert.Single(_store.Sessions).Estimate.DurationSecs);
    }

    [Fact]
    public async Task RunAsync_BudgetLeavesLessThanTheLimit_StopsAtWhatTheBudgetLeaves()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        await _gate.SettleAsync("none", Session(4m));
        var child = new FakeChild(new HashSet<RunSignal>());
        var running = Supervisor(new FakeLauncher(child)).RunAsync(Request(limit: 10m) with { Reservation = Reservation(0.5m) }, CancellationToken.None);
        await _meter.WaitingAsync();

        _meter.AddCall(Start.AddSeconds(1), 0.9m);
        await _meter.WakeAndSettleAsync();
        Assert.Empty(child.Received);
        _meter.AddCall(Start.AddSeconds(2), 0.1m);
        var outcome = await WakeUntilDoneAsync(running);

        Assert.Equal(0.5m, outcome.AllowanceUsd);
        Assert.Equal(1m, outcome.Stop!.AllowanceUsd);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task RunAsync_SpendNearsWhatItHolds_ReservesMoreThroughTheGateAndStopsWhenAnotherRunTookTheRest()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "team", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        var child = new FakeChild(new HashSet<RunSignal>());
        var request = Request(limit: null) with { Reservation = Reservation(1m), RenewEvery = TimeSpan.FromSeconds(30) };
        var running = Supervisor(new FakeLauncher(child)).RunAsync(request, CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 2m);
        await _meter.WakeAndSettleAsync();
        Assert.Empty(child.Received);
        Assert.Equal(3m, _store.Reservations.Sum(static r => r.AmountUsd));

        // Another run gets exactly what this one does not hold, and no more.
        Assert.False((await _gate.ReserveAsync(Reservation(2.5m))).Admitted);
        var other = (await _gate.ReserveAsync(Reservation(2m))).Reservation!;
        _meter.AddCall(Start.AddSeconds(31), 0.5m);
        await _meter.WakeAndSettleAsync();
        Assert.Empty(child.Received);
        _meter.AddCall(Start.AddSeconds(32), 0.5m);
        var outcome = await WakeUntilDoneAsync(running);

        Assert.Equal(1m, outcome.AllowanceUsd);
        Assert.Equal(3m, outcome.Stop!.AllowanceUsd);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Equal(other.Id, Assert.Single(_store.Reservations).Id);
        Assert.Equal(3m, Assert.Single(_store.Sessions).ActualUsd);
    }

    [Fact]
    public async Task RunAsync_OtherRunGaveBack_TheRenewalLetsThisRunReserveMore()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "team", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        var other = (await _gate.ReserveAsync(Reservation(4m))).Reservation!;
        var child = new FakeChild(new HashSet<RunSignal>());
        var request = Request(limit: null) with { Reservation = Reservation(1m), RenewEvery = TimeSpan.FromSeconds(30) };
        var running = Supervisor(new FakeLauncher(child)).RunAsync(request, CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.8m);
        await _meter.WakeAndSettleAsync();
        Assert.Empty(child.Received);

        await _gate.ReleaseAsync(other.Id);
        _time.Advance(TimeSpan.FromSeconds(30));
        await _meter.WakeAndSettleAsync();
        _meter.AddCall(Start.AddSeconds(31), 0.5m);
        await _meter.WakeAndSettleAsync();
        Assert.Empty(child.Received);
        child.Exit(0);
        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(outcome.StoppedAtBudget);
        Assert.Equal(1.3m, Assert.Single(_store.Sessions).ActualUsd);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task RunAsync_RunsLongerThanTheReservationLives_RenewalsKeepItActiveUntilTheSettle()
    {
        var child = new FakeChild(new HashSet<RunSignal>());
        var request = Request(limit: 5m) with { Reservation = Reservation(5m) with { TimeToLive = TimeSpan.FromMinutes(2) }, RenewEvery = TimeSpan.FromSeconds(30) };
        var running = Supervisor(new FakeLauncher(child)).RunAsync(request, CancellationToken.None);
        await _meter.WaitingAsync();

        for (var step = 0; step < 10; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await _meter.WakeAndSettleAsync();
        }

        Assert.True(Assert.Single(_store.Reservations).IsActiveAt(_time.GetUtcNow()));
        child.Exit(0);
        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ReservationState.Active, outcome.Recorded!.Settled!.State);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task RunAsync_CommandCannotStart_ReleasesTheReservation()
    {
        var launcher = new FakeLauncher(null);

        await Assert.ThrowsAsync<ChildStartException>(() => Supervisor(launcher).RunAsync(Request(limit: 1m), CancellationToken.None));

        Assert.Single(launcher.Started);
        Assert.Empty(_store.Reservations);
        Assert.Empty(_store.Sessions);
    }

    [Fact]
    public async Task RunAsync_StoreUnreachable_FailsClosedUnlessFailOpen()
    {
        var unreachable = new UnavailableBudgetStore();
        var launcher = new FakeLauncher(new FakeChild(new HashSet<RunSignal>()));
        var supervisor = new RunSupervisor(new BudgetGate(unreachable, _time), new RecordUseCase(_sink, new BudgetGate(unreachable, _time)), launcher, _meter, _time);

        await Assert.ThrowsAsync<CostStoreUnavailableException>(() => supervisor.RunAsync(Request(limit: 1m), CancellationToken.None));
        Assert.Empty(launcher.Started);

        var child = new FakeChild(new HashSet<RunSignal>());
        supervisor = new RunSupervisor(new BudgetGate(unreachable, _time), new RecordUseCase(_sink, new BudgetGate(unreachable, _time)), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: 1m) with { FailOpen = true }, CancellationToken.None);
        await _meter.WaitingAsync();
        child.Exit(0);
        var outcome = await running.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.NotNull(outcome.AdmittedWithoutStore);
        Assert.True(BudgetGate.IsUnstored(outcome.Decision.Reservation!.Id));
        Assert.Equal(0m, Assert.Single(await new CostTracker(_sink).LoadAsync()).ActualUsd);
    }

    [Fact]
    public async Task RunAsync_FailOpenResumingASessionTheLedgerHolds_LeavesItThereOnceAndWhole()
    {
        // The ledger holds session s-1's $4 before the run (imported); the gate cannot reach the budgets and fails open,
        // and the run resumes s-1 for two $0.30 calls.
        _meter.EarlierUsd = 4m;
        await new CostTracker(_sink).UpsertAsync([Session(4m) with { Id = "kimi:s-1" }]);
        var unreachable = new BudgetGate(new UnavailableBudgetStore(), _time);
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(unreachable, new RecordUseCase(_sink, unreachable), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: 1m) with { FailOpen = true }, CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.3m);
        _meter.AddCall(Start.AddSeconds(2), 0.3m);
        await _meter.WakeAndSettleAsync();
        child.Exit(0);
        var outcome = await WakeUntilDoneAsync(running);

        // One row of kimi:s-1, the session whole ($4.60): a second row of its id beside it would count $4 or $0.60 twice.
        Assert.True(BudgetGate.IsUnstored(outcome.Decision.Reservation!.Id));
        var stored = Assert.Single(await new CostTracker(_sink).LoadAsync());
        Assert.Equal(("kimi:s-1", 4.6m), (stored.Id, stored.ActualUsd));
    }

    [Fact]
    public async Task RunAsync_ResumesASessionWithoutAWholeTheLedgerHolds_LeavesItsPartBeforeTheRun()
    {
        // The ledger holds session s-1's $4 before the run; a call of it has no price, so the meter gives no whole.
        _meter.EarlierUsd = 4m;
        _meter.EarlierUnpriced = true;
        await new CostTracker(_sink).UpsertAsync([Session(4m) with { Id = "kimi:s-1" }]);
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(_gate, new RecordUseCase(_sink, _gate), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: 1m), CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.3m);
        await _meter.WakeAndSettleAsync();
        child.Exit(0);
        await WakeUntilDoneAsync(running);

        // The run's $0.30 is left to the next import; stored by the session's id, it would replace the $4.
        var stored = Assert.Single(await new CostTracker(_sink).LoadAsync());
        Assert.Equal(("kimi:s-1", 4m), (stored.Id, stored.ActualUsd));
    }

    [Fact]
    public async Task RunAsync_ResumesASecondSessionWithoutAWholeTheLedgerHolds_LeavesItsPartBeforeTheRun()
    {
        // The command writes a new session (s-1) and resumes another (s-2), whose $4 before the run the ledger holds; a
        // call of s-2 has no price, so the meter gives no whole of it.
        _meter.ResumedSession = "s-2";
        _meter.EarlierUsd = 4m;
        _meter.EarlierUnpriced = true;
        await new CostTracker(_sink).UpsertAsync([Session(4m) with { Id = "kimi:s-2" }]);
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(_gate, new RecordUseCase(_sink, _gate), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: 1m), CancellationToken.None);
        await _meter.WaitingAsync();
        _meter.AddCall(Start.AddSeconds(1), 0.1m);
        _meter.AddCall(Start.AddSeconds(2), 0.3m, "s-2");
        await _meter.WakeAndSettleAsync();
        child.Exit(0);
        await WakeUntilDoneAsync(running);

        // s-2's run calls ($0.30) are left to the next import; stored by its id, they would replace its $4.
        var stored = (await new CostTracker(_sink).LoadAsync()).ToDictionary(static session => session.Id!, static session => session.ActualUsd);
        Assert.Equal(4m, stored["kimi:s-2"]);
        Assert.Equal(0.1m, stored["kimi:s-1"]);
    }

    [Fact]
    public async Task RunAsync_BudgetsCountLiveSpend_CountAnotherSessionOnceAndNeverTheRunsOwn()
    {
        // Kimi's logs hold another session that spent $0.405 and was never imported, and the run's own session as it grows.
        var live = new LogsOfThisMachine(_meter, new LiveSessionSpend("kimi:other", Start, 0.405m) { StartedAt = Start, SessionType = "kimi" });
        var gate = new BudgetGate(new LiveSpendBudgetStore(_store, live, importInto: null), _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 1m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(gate, new RecordUseCase(_sink, gate), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: null) with { Reservation = Reservation(0.5m) }, CancellationToken.None);
        await _meter.WaitingAsync();

        for (var call = 1; call <= 4; call++)
        {
            _meter.AddCall(Start.AddSeconds(call), 0.135m);
            await _meter.WakeAndSettleAsync();
        }

        Assert.Empty(child.Received);
        _meter.AddCall(Start.AddSeconds(5), 0.135m);
        var outcome = await WakeUntilDoneAsync(running);

        // It holds the gate's $0.50 and the room left beside the other session, $0.09: its own spend was never counted
        // beside what it holds (that left no room, and stopped it at its fourth call, $0.405 + $0.54 < $1).
        Assert.Equal(0.59m, outcome.HeldUsd);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Equal(0.59m, outcome.Stop!.AllowanceUsd);
        Assert.Equal(5, outcome.Stop.Calls);
        Assert.Equal(5 * 0.135m, Assert.Single(_store.Sessions).ActualUsd);

        // Outside the run, its recorded session and the other one each count once.
        Assert.Equal(0.405m + (5 * 0.135m), Assert.Single(await gate.CheckAsync()).SpentUsd);
    }

    [Fact]
    public async Task RunAsync_ResumesASessionThatSpentBefore_CountsThatSpendAndStopsWhereItAndTheRunsReachTheBudget()
    {
        // Kimi resumes session s-1, which spent $4 before the run and was never imported; the budget is $5.
        _meter.EarlierUsd = 4m;
        var gate = new BudgetGate(new LiveSpendBudgetStore(_store, new LogsOfThisMachine(_meter), importInto: null), _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });

        await RunResumedUntilStoppedAsync(gate);

        // The settle records the run's calls, then the store holds the session whole under its id, from its start; and
        // outside the run the session counts once and whole: what it spent before and during the run.
        Assert.Equal(1.2m, Assert.Single(_store.Sessions).ActualUsd);
        var whole = Assert.Single(await new CostTracker(_sink).LoadAsync());
        Assert.Equal("kimi:s-1", whole.Id);
        Assert.Equal(5.2m, whole.ActualUsd);
        Assert.Equal(Start.AddHours(-1), whole.StartedAt);
        Assert.Equal(5.2m, Assert.Single(await gate.CheckAsync()).SpentUsd);
    }

    [Fact]
    public async Task RunAsync_ResumesASessionTheLedgerHolds_CountsWhatItSpentBeforeOnce()
    {
        // Kimi resumes session s-1, whose $4 before the run the ledger holds (it was imported); the budget is $5.
        _meter.EarlierUsd = 4m;
        var gate = new BudgetGate(new LiveSpendBudgetStore(_store, new LogsOfThisMachine(_meter), importInto: null), _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        await gate.SettleAsync("none", Session(4m) with { Id = "kimi:s-1" });

        // The $4 counts once, as the ledger holds it: counted again beside it, the run would hold $0.50 and stop at its
        // second call; left out, it would hold $5.
        await RunResumedUntilStoppedAsync(gate);
    }

    [Fact]
    public async Task RunAsync_CommandWritesTwoSessions_TheLedgerHoldsEachOnceUnderItsOwnId()
    {
        // The command writes two Kimi sessions in its folder (s-1 three $0.10 calls, s-2 two $0.20 calls), under a $5 budget.
        var gate = new BudgetGate(new LiveSpendBudgetStore(_store, new LogsOfThisMachine(_meter), importInto: null), _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 5m, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(gate, new RecordUseCase(_sink, gate), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: null) with { Reservation = Reservation(0.5m) }, CancellationToken.None);
        await _meter.WaitingAsync();
        for (var call = 1; call <= 3; call++)
        {
            _meter.AddCall(Start.AddSeconds(call), 0.1m);
            _meter.AddCall(Start.AddSeconds(call).AddMilliseconds(500), 0.2m, call <= 2 ? "s-2" : FakeMeter.FirstSession);
        }

        await _meter.WakeAndSettleAsync();
        child.Exit(0);
        var outcome = await WakeUntilDoneAsync(running);

        // The run reports all it spent. The settle records the first session's calls under its id, and the second is
        // stored under its own id (here the budget store and the sink are two stores), so that budgets count neither
        // again as unimported spend: before, the settle recorded both under kimi:s-1 ($0.90), and s-2's $0.40 counted
        // again beside it ($1.30).
        Assert.Equal(0.9m, outcome.Record!.ActualUsd);
        var settled = Assert.Single(_store.Sessions);
        Assert.Equal(("kimi:s-1", 0.5m, "kimi"), (settled.Id, settled.ActualUsd, settled.SessionType));
        // Each is then stored by its id (the first as the settle recorded it: unchanged where the settle's store is this one).
        var stored = await new CostTracker(_sink).LoadAsync();
        Assert.Equal([("kimi:s-1", 0.5m, "kimi"), ("kimi:s-2", 0.4m, "kimi")], stored.Select(static session => (session.Id, session.ActualUsd, session.SessionType)));
        Assert.Equal(0.9m, Assert.Single(await gate.CheckAsync()).SpentUsd);
        Assert.Empty(_store.Reservations);
    }

    /// <summary>
    /// Runs a command that resumes the meter's session, which spent $4 before, under a $5 budget, gated at $0.50 and
    /// without a limit, for $0.30 calls; checks that it holds the $1 left and is stopped at its fourth call ($1.20).
    /// </summary>
    private async Task RunResumedUntilStoppedAsync(BudgetGate gate)
    {
        var child = new FakeChild(new HashSet<RunSignal>());
        var supervisor = new RunSupervisor(gate, new RecordUseCase(_sink, gate), new FakeLauncher(child), _meter, _time);
        var running = supervisor.RunAsync(Request(limit: null) with { Reservation = Reservation(0.5m) }, CancellationToken.None);
        await _meter.WaitingAsync();

        for (var call = 1; call <= 3; call++)
        {
            _meter.AddCall(Start.AddSeconds(call), 0.3m);
            await _meter.WakeAndSettleAsync();
        }

        // The session's $4 counts beside what the run holds, once it is the run's own as before: it holds the $1 left.
        Assert.Empty(child.Received);
        Assert.Equal(1m, _store.Reservations.Sum(static reservation => reservation.AmountUsd));
        _meter.AddCall(Start.AddSeconds(4), 0.3m);
        var outcome = await WakeUntilDoneAsync(running);

        Assert.Equal(1m, outcome.HeldUsd);
        Assert.True(outcome.StoppedAtBudget);
        Assert.Equal(1m, outcome.Stop!.AllowanceUsd);
        Assert.Equal(4, outcome.Stop.Calls);
        Assert.Equal(1.2m, outcome.Spend.SpentUsd);
    }

    private async Task<RunOutcome> WakeUntilDoneAsync(Task<RunOutcome> running)
    {
        await Task.WhenAny(_meter.WakeAndSettleAsync(), running);
        return await running.WaitAsync(TimeSpan.FromMinutes(1));
    }

    private RunSupervisor Supervisor(FakeLauncher launcher) => new(_gate, new RecordUseCase(_sink, _gate), launcher, _meter, _time);

    private static RunRequest Request(decimal? limit) => new()
    {
        Command = new ChildCommand { FileName = "kimi", Arguments = ["-p", "fix it"], WorkingDirectory = "/work/shop" },
        Reservation = Reservation(limit ?? 0m),
        LimitUsd = limit,
    };

    private static ReservationRequest Reservation(decimal amount) => new() { AmountUsd = amount, SessionType = "kimi" };

    private static SessionCost Session(decimal actual) => new()
    {
        SessionType = "kimi",
        Name = "earlier",
        StartedAt = Start.AddHours(-1),
        EndedAt = Start.AddMinutes(-30),
        Estimate = CostEstimator.FromExactTokens(1, 1, PricingTier.Standard),
        ActualUsd = actual,
    };

    /// <summary>
    /// Kimi's logs as the budgets read them: fixed other sessions, and the run's own sessions (<c>kimi:s-1</c>, and
    /// <c>kimi:s-2</c> once it has a call) as their calls before the run and the meter's calls make them.
    /// </summary>
    private sealed class LogsOfThisMachine(FakeMeter meter, params LiveSessionSpend[] others) : ILiveSpendSource
    {
        public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken)
        {
            var sessions = new List<LiveSessionSpend>(others);
            if (meter.EarlierUsd + meter.SpentUsd > 0m)
            {
                sessions.Add(new LiveSessionSpend("kimi:s-1", Start, meter.EarlierUsd + meter.SpentUsd) { StartedAt = Start.AddHours(-1), SessionType = "kimi" });
            }

            if (meter.SpentOf("s-2") is > 0m and var second)
            {
                sessions.Add(new LiveSessionSpend("kimi:s-2", Start, second) { StartedAt = Start, SessionType = "kimi" });
            }

            return Task.FromResult<IReadOnlyList<LiveSessionSpend>>(sessions);
        }
    }
}
