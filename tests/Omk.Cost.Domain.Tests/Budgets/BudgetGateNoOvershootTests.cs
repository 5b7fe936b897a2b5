using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

/// <summary>
/// The ways a budget was once spent past with no error, each shut: every budget that applies is checked, a run's type
/// is fixed at its gate, reservations live as long as a run, a late settle names its overshoot, the store's clock
/// decides, and an orphaned reservation can be seen and released.
/// </summary>
public sealed class BudgetGateNoOvershootTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryBudgetStore _store = new();
    private readonly BudgetGate _gate;

    public BudgetGateNoOvershootTests()
    {
        _gate = new BudgetGate(_store, _clock);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ReserveAsync_UntypedNamedAndTypedGatesOfATypedBudget_AdmitOnlyWhatItsLimitHolds()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "team-day", LimitUsd = 5m, Period = BudgetPeriodKind.Day, SessionType = "team" });
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "all", LimitUsd = 100m, Period = BudgetPeriodKind.Month });

        var untyped = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });
        var named = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m, SessionType = "team", Budgets = ["all"] });
        var typed = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m, SessionType = "team" });

        Assert.True(untyped.Admitted);
        Assert.Equal(["team-day", "all"], untyped.Budgets.Select(standing => standing.Policy.Name));
        Assert.False(named.Admitted);
        Assert.False(typed.Admitted);
        Assert.Equal(4m, (await _gate.CheckAsync(["team-day"]))[0].ReservedUsd);
    }

    [Fact]
    public async Task SettleAsync_SessionOfAnotherTypeThanItsReservation_IsRefusedNamingBothAndWritesNothing()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "team-day", LimitUsd = 5m, Period = BudgetPeriodKind.Day, SessionType = "team" });
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m, SessionType = "team" });

        var exception = await Assert.ThrowsAsync<ReservationTypeMismatchException>(
            () => _gate.SettleAsync(decision.Reservation!.Id, TestSessions.Create(sessionType: "ralph", estimatedUsd: 4m, startedAt: Start)));

        Assert.Contains("\"team\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("\"ralph\"", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Sessions);
        Assert.Single(_store.Reservations);
    }

    [Fact]
    public async Task SettleAsync_UntypedReservationSettledWithAType_RecordsIt()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        var outcome = await _gate.SettleAsync(decision.Reservation!.Id, TestSessions.Create(sessionType: "TEAM", startedAt: Start));

        Assert.Equal(ReservationState.Active, outcome.State);
        Assert.Equal("TEAM", Assert.Single(_store.Sessions).SessionType);
    }

    [Fact]
    public async Task ReserveAsync_DefaultLifetime_StillHoldsTheMoneyOfARunHoursLater()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });
        _clock.Advance(TimeSpan.FromHours(11));

        var second = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        Assert.False(second.Admitted);
    }

    [Fact]
    public async Task ExtendAsync_ActiveReservation_KeepsItCountingPastItsFirstExpiry()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromMinutes(15) });
        _clock.Advance(TimeSpan.FromMinutes(10));

        var extension = await _gate.ExtendAsync(first.Reservation!.Id, TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromMinutes(30));
        var second = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        Assert.True(extension.Extended);
        Assert.Equal(Start.AddMinutes(70), extension.Reservation!.ExpiresAt);
        Assert.False(second.Admitted);
    }

    [Fact]
    public async Task ExtendAsync_ShorterThanItHasLeft_NeverShortensIt()
    {
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.FromHours(5) });

        var extension = await _gate.ExtendAsync(first.Reservation!.Id, TimeSpan.FromMinutes(1));

        Assert.Equal(Start.AddHours(5), extension.Reservation!.ExpiresAt);
        Assert.Equal(Start.AddHours(5), Assert.Single(_store.Reservations).ExpiresAt);
    }

    [Fact]
    public async Task ExtendAsync_ExpiredReservationWhoseMoneyWentElsewhere_IsRefusedAndNamesTheBudget()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromMinutes(15) });
        _clock.Advance(TimeSpan.FromMinutes(20));
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        var extension = await _gate.ExtendAsync(first.Reservation!.Id);

        Assert.Equal((ReservationState.Expired, false), (extension.State, extension.Extended));
        Assert.Equal("ten", Assert.Single(extension.Exceeding).Policy.Name);
        Assert.Equal(8m, Assert.Single(await _gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task ExtendAsync_ExpiredReservationThatStillFits_IsRenewed()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromMinutes(15) });
        _clock.Advance(TimeSpan.FromMinutes(20));

        var extension = await _gate.ExtendAsync(first.Reservation!.Id, TimeSpan.FromHours(1));

        Assert.Equal((ReservationState.Expired, true), (extension.State, extension.Extended));
        Assert.Equal(8m, Assert.Single(await _gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task SettleAsync_ExpiredReservationWhoseMoneyWentToAnotherRun_RecordsAndNamesTheOvershoot()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromMinutes(15) });
        _clock.Advance(TimeSpan.FromMinutes(20));
        var second = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });
        await _gate.SettleAsync(second.Reservation!.Id, TestSessions.Create(estimatedUsd: 8m, startedAt: Start));

        var late = await _gate.SettleAsync(first.Reservation!.Id, TestSessions.Create(estimatedUsd: 8m, startedAt: Start));

        Assert.Equal(ReservationState.Expired, late.State);
        var overshoot = Assert.Single(late.Overshoot);
        Assert.Equal(("ten", 16m), (overshoot.Policy.Name, overshoot.SpentUsd));
        Assert.Equal(2, _store.Sessions.Count);
        Assert.True(Assert.Single(await _gate.CheckAsync()).Exceeded);
    }

    [Fact]
    public async Task SettleAsync_ActiveReservation_NamesNoOvershoot()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Total });
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        var outcome = await _gate.SettleAsync(decision.Reservation!.Id, TestSessions.Create(estimatedUsd: 7m, startedAt: Start));

        Assert.Empty(outcome.Overshoot);
        Assert.Equal(7m, Assert.Single(outcome.Budgets).SpentUsd);
    }

    [Fact]
    public async Task ReserveAsync_GatesOfMachinesWhoseClocksDiffer_FollowTheStoresClock()
    {
        await _gate.SetBudgetAsync(new BudgetPolicy { Name = "ten", LimitUsd = 10m, Period = BudgetPeriodKind.Day });
        var serverClock = new FakeTimeProvider(Start);
        var shared = new StoreClockBudgetStore(_store, serverClock);
        var behind = new BudgetGate(shared, new FakeTimeProvider(Start.AddHours(-3)));
        var ahead = new BudgetGate(shared, new FakeTimeProvider(Start.AddHours(13)));

        var first = await behind.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromHours(1) });
        var second = await ahead.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        Assert.Equal((Start, Start.AddHours(1)), (first.Reservation!.CreatedAt, first.Reservation.ExpiresAt));
        Assert.False(second.Admitted);
    }

    [Fact]
    public async Task ReleaseNamedAsync_ReservationsOfARunWhoseIdWasLost_ReleasesThemAll()
    {
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Name = "nightly" });
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, Name = "nightly" });
        var other = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m, Name = "Nightly" });

        var released = await _gate.ReleaseNamedAsync("nightly");

        Assert.Equal([1m, 2m], released.Select(reservation => reservation.AmountUsd));
        Assert.Equal(other.Reservation!.Id, Assert.Single((await _gate.ListReservationsAsync()).Reservations).Id);
    }

    [Fact]
    public async Task ReleaseExpiredAsync_RemovesOnlyTheExpiredOnes()
    {
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.FromMinutes(5) });
        var lasting = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m });
        _clock.Advance(TimeSpan.FromMinutes(6));

        var released = await _gate.ReleaseExpiredAsync();

        Assert.Equal(1m, Assert.Single(released).AmountUsd);
        Assert.Equal(lasting.Reservation!.Id, Assert.Single(_store.Reservations).Id);
    }

    [Fact]
    public async Task ListReservationsAsync_Reservations_ListsThemOldestFirstWithTheTimeRead()
    {
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Name = "a", SessionType = "team" });
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, Name = "b" });

        var listing = await _gate.ListReservationsAsync();

        Assert.Equal(Start.AddMinutes(1), listing.AsOf);
        Assert.Equal([first.Reservation!, second.Reservation!], listing.Reservations);
    }

    /// <summary>A store shared by machines, whose steps tell the time of its own clock (as a database server does).</summary>
    private sealed class StoreClockBudgetStore(IBudgetStore inner, TimeProvider clock) : IBudgetStore
    {
        public Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken) =>
            inner.ReadAsync((ledger, token) => read(new ClockedLedger(ledger, clock.GetUtcNow()), token), cancellationToken);

        public Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken) =>
            inner.ChangeAsync((ledger, token) => decide(new ClockedLedger(ledger, clock.GetUtcNow()), token), cancellationToken);
    }

    private sealed class ClockedLedger(IBudgetLedger inner, DateTimeOffset now) : IBudgetLedger
    {
        public IReadOnlyList<BudgetPolicy> Budgets => inner.Budgets;

        public IReadOnlyList<Reservation> Reservations => inner.Reservations;

        public DateTimeOffset? Now => now;

        public ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken) =>
            inner.SpentAsync(period, sessionType, cancellationToken);

        public ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
            inner.RecordedAsync(ids, cancellationToken);
    }
}
