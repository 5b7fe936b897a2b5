using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class GateUseCaseTests
{
    private readonly FakeTimeProvider _time = new(TestSessions.Noon);

    [Fact]
    public async Task GateAsync_Fits_ReservesTheAmount()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "total", LimitUsd = 5m });

        var result = await new GateUseCase(gate).GateAsync(new ReservationRequest { AmountUsd = 4m });

        Assert.Equal(4m, result.Decision.Reservation!.AmountUsd);
        Assert.Null(result.AdmittedUncheckedBecause);
        Assert.Single(budgets.Reservations);
    }

    [Fact]
    public async Task GateAsync_OverTheLimit_RefusesAndReservesNothing()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "total", LimitUsd = 5m });

        var result = await new GateUseCase(gate).GateAsync(new ReservationRequest { AmountUsd = 6m }, failOpen: true);

        Assert.False(result.Decision.Admitted);
        Assert.Equal("total", Assert.Single(result.Decision.Exceeding).Policy.Name);
        Assert.Empty(budgets.Reservations);
    }

    [Fact]
    public async Task GateAsync_StoreUnreachableFailingOpen_AdmitsWithAnUnstoredReservationAndSaysWhy()
    {
        var result = await new GateUseCase(new BudgetGate(new UnavailableBudgetStore(), _time)).GateAsync(new ReservationRequest { AmountUsd = 1m }, failOpen: true);

        Assert.True(BudgetGate.IsUnstored(result.Decision.Reservation!.Id));
        Assert.Same(UnavailableBudgetStore.Down, result.AdmittedUncheckedBecause);
    }

    [Fact]
    public async Task GateAsync_StoreUnreachableNotFailingOpen_Throws()
    {
        var useCase = new GateUseCase(new BudgetGate(new UnavailableBudgetStore(), _time));

        await Assert.ThrowsAsync<CostStoreUnavailableException>(() => useCase.GateAsync(new ReservationRequest { AmountUsd = 1m }));
    }
}
