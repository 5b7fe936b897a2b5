using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// Every public entry of the domain refuses a null where it needs a value, and a cancelled token before it works,
/// rather than failing later and further away (or not at all).
/// </summary>
public sealed class ArgumentGuardTests
{
    private static readonly CancellationToken Cancelled = new(canceled: true);
    private static readonly BudgetPeriod Month = BudgetPeriod.Containing(BudgetPeriodKind.Month, TestSessions.Noon, TimeZoneInfo.Utc);

    [Fact]
    public async Task BudgetGate_NullArguments_AreRefused()
    {
        var gate = new BudgetGate(new InMemoryBudgetStore(), TimeProvider.System);

        Assert.Throws<ArgumentNullException>(() => new BudgetGate(null!, TimeProvider.System));
        Assert.Throws<ArgumentNullException>(() => new BudgetGate(new InMemoryBudgetStore(), null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => gate.SetBudgetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => gate.RemoveBudgetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => gate.ReserveAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => gate.SettleAsync(null!, TestSessions.Create()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => gate.ReleaseAsync(null!));
    }

    [Fact]
    public async Task BudgetGate_InvalidBudget_IsRefusedBeforeItIsStored()
    {
        var gate = new BudgetGate(new InMemoryBudgetStore(), TimeProvider.System);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => gate.SetBudgetAsync(new BudgetPolicy { Name = " ", LimitUsd = -1m, Period = BudgetPeriodKind.Month }));

        Assert.Empty(await gate.ListBudgetsAsync());
    }

    [Fact]
    public async Task InMemoryBudgetStore_NullStepsAndACancelledToken_AreRefused()
    {
        var store = new InMemoryBudgetStore();

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.ReadAsync<int>(null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.ChangeAsync<int>(null!, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ChangeAsync(
            (_, _) => ValueTask.FromResult(new BudgetChange<int> { Result = 1, SetBudget = new BudgetPolicy { Name = "m", LimitUsd = 1m, Period = BudgetPeriodKind.Month } }),
            Cancelled));
        Assert.Empty(await new BudgetGate(store, TimeProvider.System).ListBudgetsAsync());
    }

    [Fact]
    public void Periods_NullZone_IsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => BudgetPeriod.Containing(BudgetPeriodKind.Month, TestSessions.Noon, null!));
        Assert.Throws<ArgumentNullException>(() => CalendarPeriod.Containing(CalendarUnit.Day, TestSessions.Noon, null!));
        Assert.Throws<ArgumentNullException>(() => CalendarPeriod.Of(CalendarUnit.Day, new DateOnly(2026, 11, 20), null!));
        Assert.Throws<ArgumentNullException>(() => CalendarPeriod.AtWallTime(new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Unspecified), null!));
    }

    [Fact]
    public void BudgetSpend_NullSessions_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => BudgetSpend.Counts(null!, Month, null));
        Assert.Throws<ArgumentNullException>(() => BudgetSpend.Total(null!, Month, null));
    }

    [Fact]
    public async Task CostReport_NullSourcesAndACancelledToken_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CostReport.CreateAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => CostReport.FromGroupsAsync(null!));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CostReport.CreateAsync(Sessions(), cancellationToken: Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CostReport.FromGroupsAsync(Groups(), cancellationToken: Cancelled));
        Assert.Throws<ArgumentNullException>(() => new CostReportBuilder(CostReportQuery.All).Add((SessionCost)null!));
        Assert.Throws<ArgumentNullException>(() => new CostReportBuilder(CostReportQuery.All).Add((CostReportGroup)null!));
    }

    [Fact]
    public async Task CostReport_CancelledWhileReading_StopsBeforeTheNextSession()
    {
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CostReport.CreateAsync(CancelAfterFirst(cancellation), cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task InMemoryCostSink_NullSessionsAndACancelledToken_AreRefused()
    {
        var sink = new InMemoryCostSink();

        await Assert.ThrowsAsync<ArgumentNullException>(() => sink.AppendAsync(null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => sink.UpsertAsync(null!, UpsertMode.Apply, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => TestSessions.Tracker().UpsertAsync(null!, UpsertMode.Apply));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.ExistsAsync(Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var session in sink.ReadAllAsync(Cancelled))
            {
                _ = session;
            }
        });
        Assert.Equal("memory", sink.Location);
    }

    [Fact]
    public void Usage_NullArguments_AreRefused()
    {
        var prices = new PriceTable([]);

        Assert.Throws<ArgumentNullException>(() => new PriceTable(null!));
        Assert.Throws<ArgumentNullException>(() => new PriceTable([null!]));
        Assert.Throws<ArgumentNullException>(() => new PriceTable([], [null!]));
        Assert.Throws<ArgumentNullException>(() => prices.MergedWith(null!));
        Assert.Throws<ArgumentException>(() => new PriceTable([new ModelPrice { Model = " ", CacheMissPerMillion = 1m, OutputPerMillion = 1m }]));
        Assert.Throws<ArgumentNullException>(() => UsageReport.Create(null!, prices));
        Assert.Throws<ArgumentNullException>(() => UsageReport.Create([], null!));
        Assert.Throws<ArgumentNullException>(() => new UsageReportBuilder(prices, new UsageQuery()).Add(null!));
        Assert.Throws<ArgumentNullException>(() => new SessionUsage { SessionId = "s", StartedAt = TestSessions.Noon, EndedAt = TestSessions.Noon, Calls = [] }.Summarize(null!));
    }

    private static async IAsyncEnumerable<SessionCost> Sessions()
    {
        await Task.Yield();
        yield return TestSessions.Create();
    }

    private static async IAsyncEnumerable<CostReportGroup> Groups()
    {
        await Task.Yield();
        yield return new CostReportGroup("team", 1, 1, 1, 1m, null);
    }

    private static async IAsyncEnumerable<SessionCost> CancelAfterFirst(CancellationTokenSource cancellation)
    {
        await Task.Yield();
        yield return TestSessions.Create();
        cancellation.Cancel();
        yield return TestSessions.Create();
    }
}
