namespace Omk.Cost.Domain.Tests;

/// <summary>How a report spells its groups and folds in totals that a store summed already (a team store's own sums).</summary>
public sealed class CostReportBuilderTests
{
    [Fact]
    public void Create_TypeSpelledTwoWays_GroupsUnderTheMoreCommonSpellingEvenWhenItCameSecond()
    {
        var report = CostReport.Create([TestSessions.Create(sessionType: "Team"), TestSessions.Create(sessionType: "team"), TestSessions.Create(sessionType: "team")]);

        var group = Assert.Single(report.Groups);
        Assert.Equal("team", group.Key);
        Assert.Equal(3, group.Sessions);
    }

    [Fact]
    public void Create_TwoSpellingsEquallyCommon_TakesTheFirstInOrdinalOrder()
    {
        var report = CostReport.Create([TestSessions.Create(sessionType: "team"), TestSessions.Create(sessionType: "Team")]);

        Assert.Equal("Team", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_OneSpelling_KeepsIt()
    {
        var report = CostReport.Create([TestSessions.Create(sessionType: "Ralph"), TestSessions.Create(sessionType: "Ralph")]);

        Assert.Equal("Ralph", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public async Task FromGroupsAsync_TypeTotalsSpelledTwoWays_AddsThemUnderTheMoreCommonSpelling()
    {
        var report = await CostReport.FromGroupsAsync(Groups(
            new CostReportGroup("Team", 1, 100, 10, 1m, 2m) { SpentUsd = 2m },
            new CostReportGroup("team", 3, 300, 30, 3m, null) { SpentUsd = 3m }));

        var group = Assert.Single(report.Groups);
        Assert.Equal("team", group.Key);
        Assert.Equal((4L, 400UL, 40UL, 4m, (decimal?)2m, 5m), (group.Sessions, group.InputTokens, group.OutputTokens, group.EstimatedUsd, group.ActualUsd, group.SpentUsd));
        Assert.Equal(5m, report.TotalSpentUsd);
        Assert.Equal(2m, report.TotalActualUsd);
    }

    [Fact]
    public async Task FromGroupsAsync_DaysOfOneMonth_FoldIntoTheMonth()
    {
        var report = await CostReport.FromGroupsAsync(
            Groups(
                new CostReportGroup("2026-11-01", 1, 1, 1, 1m, null) { SpentUsd = 1m },
                new CostReportGroup("2026-11-20", 2, 2, 2, 2m, null) { SpentUsd = 2m },
                new CostReportGroup("2026-12-01", 4, 4, 4, 4m, null) { SpentUsd = 4m }),
            new CostReportQuery { GroupBy = CostGrouping.Month });

        Assert.Equal(["2026-11", "2026-12"], report.Groups.Select(group => group.Key));
        Assert.Equal([3L, 4L], report.Groups.Select(group => group.Sessions));
        Assert.Equal(7m, report.TotalSpentUsd);
    }

    [Fact]
    public async Task FromGroupsAsync_NoQuery_GroupsByType()
    {
        var report = await CostReport.FromGroupsAsync(Groups(new CostReportGroup("team", 1, 1, 1, 1m, null) { SpentUsd = 1m }));

        Assert.Equal("team", Assert.Single(report.Groups).Key);
    }

    private static async IAsyncEnumerable<CostReportGroup> Groups(params CostReportGroup[] groups)
    {
        foreach (var group in groups)
        {
            await Task.Yield();
            yield return group;
        }
    }
}
