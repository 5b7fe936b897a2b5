using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class RecordUseCaseTests
{
    private readonly FakeTimeProvider _time = new(TestSessions.Noon);

    [Fact]
    public async Task RecordAsync_NoReservation_StoresTheSessionInTheStore()
    {
        var store = new InMemoryCostSink();
        using var budgets = new InMemoryBudgetStore();

        var result = await new RecordUseCase(store, new BudgetGate(budgets, _time)).RecordAsync(TestSessions.Create(name: "auth"));

        Assert.Equal("auth", Assert.Single(await Stores.Read(store)).Name);
        Assert.Equal("memory", result.StoredIn);
        Assert.Null(result.KeptInOutboxBecause);
        Assert.Null(result.Settled);
    }

    [Fact]
    public async Task RecordAsync_StoreUnreachableWithOutbox_KeepsTheSessionWithAnIdAndSaysWhere()
    {
        var outbox = new ListOutbox { SaysPending = false };
        using var budgets = new InMemoryBudgetStore();
        var down = new CostStoreUnavailableException("the team store is down");

        var result = await new RecordUseCase(new UnavailableStore(down), new BudgetGate(budgets, _time), outbox).RecordAsync(TestSessions.Create());

        Assert.False(string.IsNullOrEmpty(Assert.Single(outbox.Pending).Id));
        Assert.Equal("outbox", result.StoredIn);
        Assert.Same(down, result.KeptInOutboxBecause);
    }

    [Fact]
    public async Task RecordAsync_StoreUnreachableWithoutOutbox_Throws()
    {
        using var budgets = new InMemoryBudgetStore();
        var useCase = new RecordUseCase(new UnavailableStore(new CostStoreUnavailableException("down")), new BudgetGate(budgets, _time));

        await Assert.ThrowsAsync<CostStoreUnavailableException>(() => useCase.RecordAsync(TestSessions.Create()));
    }

    [Fact]
    public async Task RecordAsync_Reservation_SettlesItAndRecordsTheSessionInOneStep()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m })).Reservation!;

        var result = await new RecordUseCase(new InMemoryCostSink(), gate).RecordAsync(TestSessions.Create(name: "settled"), reservation.Id);

        Assert.Equal(ReservationState.Active, result.Settled!.State);
        Assert.Equal(reservation.Id, result.ReservationId);
        Assert.Empty(budgets.Reservations);
        Assert.Equal("settled", Assert.Single(budgets.Sessions).Name);
    }

    [Fact]
    public async Task RecordAsync_ReservationWithTheStoreUnreachable_KeepsTheSessionInTheOutboxAndSettlesNothing()
    {
        var outbox = new ListOutbox { SaysPending = false };
        var useCase = new RecordUseCase(new UnavailableStore(UnavailableBudgetStore.Down), new BudgetGate(new UnavailableBudgetStore(), _time), outbox);

        var result = await useCase.RecordAsync(TestSessions.Create(name: "offline"), "r0123456789abcdef");

        var kept = Assert.Single(outbox.Pending);
        Assert.Equal("offline", kept.Name);
        Assert.False(string.IsNullOrEmpty(kept.Id));
        Assert.Equal("r0123456789abcdef", outbox.Settles[kept.Id!]);
        Assert.Same(UnavailableBudgetStore.Down, result.KeptInOutboxBecause);
        Assert.Null(result.Settled);
        Assert.Equal("outbox", result.StoredIn);
    }

    [Fact]
    public async Task RecordAsync_SettleKeptInTheOutboxThenStoreBack_TheNextRecordStoresItAndSettlesItsReservation()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m })).Reservation!;
        var outbox = new ListOutbox();
        await new RecordUseCase(new UnavailableStore(UnavailableBudgetStore.Down), new BudgetGate(new UnavailableBudgetStore(), _time), outbox)
            .RecordAsync(TestSessions.Create(name: "offline"), reservation.Id);
        var store = new InMemoryCostSink();

        var next = await new RecordUseCase(store, gate, outbox).RecordAsync(TestSessions.Create(name: "next"));

        Assert.Equal("memory", next.StoredIn);
        Assert.Empty(budgets.Reservations);
        Assert.Equal("offline", Assert.Single(budgets.Sessions).Name);
        Assert.Equal("next", Assert.Single(await Stores.Read(store)).Name);
        Assert.Empty(outbox.Pending);
    }

    [Fact]
    public async Task RecordAsync_ReservationOfAGateThatFailedOpen_RecordsTheSessionAloneWithoutAskingTheBudgets()
    {
        var store = new InMemoryCostSink();
        var gate = new BudgetGate(new UnavailableBudgetStore(), _time);
        var unstored = gate.AdmitUnchecked(new ReservationRequest { AmountUsd = 1m }).Reservation!.Id;

        var result = await new RecordUseCase(store, gate).RecordAsync(TestSessions.Create(), unstored);

        Assert.Single(await Stores.Read(store));
        Assert.Null(result.Settled);
        Assert.Null(result.KeptInOutboxBecause);
    }

    [Fact]
    public async Task RecordAsync_InvalidSession_ThrowsAndStoresNothing()
    {
        var store = new InMemoryCostSink();
        var outbox = new ListOutbox();
        using var budgets = new InMemoryBudgetStore();

        await Assert.ThrowsAsync<ArgumentException>(() => new RecordUseCase(store, new BudgetGate(budgets, _time), outbox).RecordAsync(TestSessions.Create(name: " ")));

        Assert.Empty(await Stores.Read(store));
        Assert.Empty(outbox.Pending);
    }
}
