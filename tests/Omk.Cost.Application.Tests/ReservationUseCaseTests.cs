using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class ReservationUseCaseTests
{
    private readonly FakeTimeProvider _time = new(TestSessions.Noon);

    [Fact]
    public async Task ReleaseAsync_ActiveReservation_GivesItBack()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m })).Reservation!;

        var result = await new ReservationUseCase(gate).ReleaseAsync(reservation.Id);

        Assert.Equal(ReservationState.Active, result.Outcome!.State);
        Assert.False(result.NeverStored);
        Assert.Empty(budgets.Reservations);
    }

    [Fact]
    public async Task ReleaseAsync_UnknownReservation_SaysNotFound()
    {
        using var budgets = new InMemoryBudgetStore();

        var result = await new ReservationUseCase(new BudgetGate(budgets, _time)).ReleaseAsync("r0000000000000000");

        Assert.Equal(ReservationState.NotFound, result.Outcome!.State);
    }

    [Fact]
    public async Task ReleaseAsync_ReservationOfAGateThatFailedOpen_AsksNoStore()
    {
        var gate = new BudgetGate(new UnavailableBudgetStore(), _time);
        var unstored = gate.AdmitUnchecked(new ReservationRequest { AmountUsd = 1m }).Reservation!.Id;

        var result = await new ReservationUseCase(gate).ReleaseAsync(unstored);

        Assert.True(result.NeverStored);
        Assert.Null(result.Outcome);
    }

    [Fact]
    public async Task FindAsync_StoredAndUnknownIds_FindsOnlyTheStoredOne()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m, SessionType = "ralph" })).Reservation!;
        var useCase = new ReservationUseCase(gate);

        Assert.Equal("ralph", (await useCase.FindAsync(reservation.Id))!.SessionType);
        Assert.Null(await useCase.FindAsync("r0000000000000000"));
    }

    [Fact]
    public async Task ExtendAsync_ReservationOfAGateThatFailedOpen_AsksNoStore()
    {
        var gate = new BudgetGate(new UnavailableBudgetStore(), _time);
        var unstored = gate.AdmitUnchecked(new ReservationRequest { AmountUsd = 1m }).Reservation!.Id;

        Assert.Null(await new ReservationUseCase(gate).ExtendAsync(unstored));
    }

    [Fact]
    public async Task ExtendAsync_ActiveReservation_LivesLonger()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m, TimeToLive = TimeSpan.FromMinutes(5) })).Reservation!;

        var extension = await new ReservationUseCase(gate).ExtendAsync(reservation.Id, TimeSpan.FromHours(1));

        Assert.True(extension!.Extended);
        Assert.Equal(TestSessions.Noon.AddHours(1), Assert.Single(budgets.Reservations).ExpiresAt);
    }
}
