using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class CostTrackerBudgetTests
{
    [Fact]
    public async Task CheckBudgetAsync_Period_CountsOnlySessionsThatStartedInIt()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(estimatedUsd: 2m, startedAt: new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)),
            TestSessions.Create(estimatedUsd: 3m, startedAt: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
            TestSessions.Create(estimatedUsd: 1m, actualUsd: 4m, startedAt: new DateTimeOffset(2026, 11, 30, 23, 59, 59, TimeSpan.Zero)),
            TestSessions.Create(estimatedUsd: 5m, startedAt: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        var november = BudgetPeriod.Containing(BudgetPeriodKind.Month, new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        var status = await tracker.CheckBudgetAsync(10m, november);

        Assert.Equal(7m, status.SpentUsd);
    }
}
