using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class BudgetWarningsUseCaseTests
{
    private readonly FakeTimeProvider _time = new(TestSessions.Noon);

    [Fact]
    public async Task CheckAsync_SomeBudgetsWarn_GivesTheStandingsOfThoseOnly()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "quiet", LimitUsd = 10m });
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "warned", LimitUsd = 10m, WarnAtPercent = 50m });
        await gate.ReserveAsync(new ReservationRequest { AmountUsd = 6m });

        var standings = await new BudgetWarningsUseCase(gate).CheckAsync();

        var standing = Assert.Single(standings);
        Assert.Equal("warned", standing.Policy.Name);
        Assert.True(standing.Warns);
    }

    [Fact]
    public async Task CheckAsync_NoBudgetWarns_ReadsNoStanding()
    {
        var gate = new BudgetGate(new UnavailableBudgetStore(), _time);

        var standings = await new BudgetWarningsUseCase(gate).CheckAsync([new BudgetPolicy { Name = "quiet", LimitUsd = 1m }]);

        Assert.Empty(standings);
    }
}
