using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class StatusUseCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task GetAsync_Ledger_AddsTodayAndThisMonthInTheZone()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = await GateWith(
            budgets,
            TestSessions.Create(estimatedUsd: 1m, startedAt: Now.AddHours(-1)),
            TestSessions.Create(estimatedUsd: 2m, actualUsd: 3m, startedAt: Now.AddDays(-5)),
            TestSessions.Create(estimatedUsd: 7m, startedAt: Now.AddMonths(-1)));

        var snapshot = await new StatusUseCase(gate, _time).GetAsync(TimeZoneInfo.Utc);

        Assert.Equal(1m, snapshot.TodayUsd);
        Assert.Equal(4m, snapshot.MonthUsd);
        Assert.Equal("month", snapshot.PeriodName);
        Assert.Equal(4m, snapshot.PeriodUsd);
        Assert.Null(snapshot.LimitUsd);
        Assert.Equal(0, snapshot.KimiLiveSessions);
    }

    [Fact]
    public async Task GetAsync_Budgets_ShowsTheMostUsedOne()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, _time);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "roomy", LimitUsd = 100m, Period = BudgetPeriodKind.Month });
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "tight", LimitUsd = 4m, Period = BudgetPeriodKind.Day });
        await gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Budgets = ["tight"] });

        var snapshot = await new StatusUseCase(gate, _time).GetAsync(TimeZoneInfo.Utc);

        Assert.Equal("today", snapshot.PeriodName);
        Assert.Equal(4m, snapshot.LimitUsd);
        Assert.Equal(1m, snapshot.ReservedUsd);
        Assert.Equal(25, snapshot.Percent);
    }

    [Fact]
    public async Task GetAsync_LiveSessions_CountsThoseActiveLatelyBeyondWhatTheLedgerHolds()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = await GateWith(budgets, TestSessions.Create(estimatedUsd: 0.5m, startedAt: Now.AddHours(-2), id: "kimi:imported"));
        var live = new LiveSpend(
            new LiveSessionSpend("kimi:imported", Now.AddMinutes(-1), 0.75m),
            new LiveSessionSpend("kimi:fresh", Now.AddMinutes(-14), 1m),
            new LiveSessionSpend("kimi:idle", Now.AddMinutes(-16), 9m));

        var snapshot = await new StatusUseCase(gate, _time, live).GetAsync(TimeZoneInfo.Utc);

        Assert.Equal(1.25m, snapshot.KimiLiveUsd);
        Assert.Equal(2, snapshot.KimiLiveSessions);
        Assert.Equal(Now - StatusUseCase.LiveWindow, live.AskedSince);
    }

    [Fact]
    public async Task GetAsync_DayInAnotherZone_FollowsThatZonesMidnight()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        using var budgets = new InMemoryBudgetStore();
        var gate = await GateWith(
            budgets,
            TestSessions.Create(estimatedUsd: 1m, startedAt: new DateTimeOffset(2026, 11, 19, 16, 30, 0, TimeSpan.Zero)),
            TestSessions.Create(estimatedUsd: 2m, startedAt: new DateTimeOffset(2026, 11, 19, 15, 30, 0, TimeSpan.Zero)));

        var snapshot = await new StatusUseCase(gate, _time).GetAsync(shanghai);

        Assert.Equal(1m, snapshot.TodayUsd);
        Assert.Same(shanghai, snapshot.Zone);
    }

    [Fact]
    public async Task GetAsync_LedgerSessionRecordedTwice_CountsTheLastOneAgainstTheLiveSpend()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = await GateWith(
            budgets,
            TestSessions.Create(estimatedUsd: 0.25m, startedAt: Now.AddHours(-3), id: "kimi:twice"),
            TestSessions.Create(estimatedUsd: 0.5m, startedAt: Now.AddHours(-2), id: "kimi:twice"));
        var live = new LiveSpend(new LiveSessionSpend("kimi:twice", Now.AddMinutes(-1), 0.75m));

        var snapshot = await new StatusUseCase(gate, _time, live).GetAsync(TimeZoneInfo.Utc);

        Assert.Equal(0.25m, snapshot.KimiLiveUsd);
        Assert.Equal(0.75m, snapshot.TodayUsd);
    }

    /// <summary>A gate over a budget store that holds the sessions, each recorded as a run without a reservation.</summary>
    private async Task<BudgetGate> GateWith(InMemoryBudgetStore budgets, params SessionCost[] sessions)
    {
        var gate = new BudgetGate(budgets, _time);
        foreach (var session in sessions)
        {
            await gate.SettleAsync("no-reservation", session);
        }

        Assert.Equal(sessions.Length, budgets.Sessions.Count);
        return gate;
    }

    private sealed class LiveSpend(params LiveSessionSpend[] sessions) : ILiveSpendSource
    {
        public DateTimeOffset? AskedSince { get; private set; }

        public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken)
        {
            AskedSince = activeSince;
            return Task.FromResult<IReadOnlyList<LiveSessionSpend>>(sessions);
        }
    }
}
