namespace Omk.Cost.Domain.Tests;

public sealed class CostReportTimeZoneTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    // 23:30 UTC on Tuesday 2026-11-24: Wednesday morning in Shanghai, Tuesday afternoon in Los Angeles.
    private static readonly DateTimeOffset LateUtc = new(2026, 11, 24, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("UTC", "2026-11-24")]
    [InlineData("Asia/Shanghai", "2026-11-25")]
    [InlineData("America/Los_Angeles", "2026-11-24")]
    public void Create_ByDay_SessionAt2330UtcFallsOnTheZonesDay(string zone, string expectedDay)
    {
        var report = CostReport.Create(
            [TestSessions.Create(startedAt: LateUtc)],
            new CostReportQuery { GroupBy = CostGrouping.Day, TimeZone = Zone(zone) });

        Assert.Equal(expectedDay, Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_ByDayInShanghai_GroupSpansTheZonesMidnightToMidnight()
    {
        var report = CostReport.Create(
            [TestSessions.Create(startedAt: LateUtc)],
            new CostReportQuery { GroupBy = CostGrouping.Day, TimeZone = Shanghai });

        var group = Assert.Single(report.Groups);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8)), group.Start);
        Assert.Equal(TimeSpan.FromHours(8), group.Start!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8)), group.End);
        Assert.Same(Shanghai, report.TimeZone);
    }

    [Fact]
    public void Create_ByWeek_SundayNightUtcIsNextWeekInShanghaiAndSameWeekInLosAngeles()
    {
        // Sunday 2026-11-29 23:30 UTC: Monday of week 49 in Shanghai, Sunday of week 48 in Los Angeles.
        var sunday = new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero);
        var sessions = new[] { TestSessions.Create(startedAt: sunday), TestSessions.Create(startedAt: sunday.AddDays(-2)) };

        var shanghai = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Week, TimeZone = Shanghai });
        var losAngeles = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Week, TimeZone = LosAngeles });

        Assert.Equal(["2026-W48", "2026-W49"], shanghai.Groups.Select(g => g.Key));
        Assert.Equal(["2026-W48"], losAngeles.Groups.Select(g => g.Key));
        Assert.Equal(2, losAngeles.Groups[0].Sessions);
    }

    [Fact]
    public void Create_ByWeekAcrossDaylightSavingEnd_WeekIsOneHourLonger()
    {
        // Los Angeles leaves daylight saving time on Sunday 2026-11-01: the week of Monday 2026-10-26 lasts 169 hours.
        var report = CostReport.Create(
            [TestSessions.Create(startedAt: new DateTimeOffset(2026, 10, 28, 18, 0, 0, TimeSpan.Zero))],
            new CostReportQuery { GroupBy = CostGrouping.Week, TimeZone = LosAngeles });

        var group = Assert.Single(report.Groups);
        Assert.Equal("2026-W44", group.Key);
        Assert.Equal(TimeSpan.FromHours(169), group.End!.Value - group.Start!.Value);
        Assert.Equal(TimeSpan.FromHours(-7), group.Start.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(-8), group.End.Value.Offset);
    }

    [Fact]
    public void Create_ByWeek_LastDaysOf2026AreIsoWeek53()
    {
        // 2026 ends on a Thursday, so it has an ISO week 53; 2027-01-01 still belongs to it.
        var report = CostReport.Create(
            [TestSessions.Create(startedAt: new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero)), TestSessions.Create(startedAt: new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero))],
            new CostReportQuery { GroupBy = CostGrouping.Week });

        var group = Assert.Single(report.Groups);
        Assert.Equal("2026-W53", group.Key);
        Assert.Equal(2, group.Sessions);
    }

    [Fact]
    public void Create_ByMonthInShanghai_LastEveningUtcOfNovemberIsDecember()
    {
        var report = CostReport.Create(
            [TestSessions.Create(startedAt: new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero))],
            new CostReportQuery { GroupBy = CostGrouping.Month, TimeZone = Shanghai });

        Assert.Equal("2026-12", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_TypesInDifferentCase_OneGroupSpelledAsMostSessions()
    {
        var report = CostReport.Create([
            TestSessions.Create(sessionType: "Team"),
            TestSessions.Create(sessionType: "team"),
            TestSessions.Create(sessionType: "team"),
            TestSessions.Create(sessionType: "ralph")]);

        Assert.Equal(["team", "ralph"], report.Groups.Select(g => g.Key));
        Assert.Equal(3, report.Groups[0].Sessions);
    }

    [Fact]
    public void Create_TypesTiedInCount_SpelledByOrdinalOrder()
    {
        var report = CostReport.Create([TestSessions.Create(sessionType: "team"), TestSessions.Create(sessionType: "Team")]);

        Assert.Equal("Team", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_NamesInDifferentCase_StayApart()
    {
        var report = CostReport.Create(
            [TestSessions.Create(name: "Fix"), TestSessions.Create(name: "fix")],
            new CostReportQuery { GroupBy = CostGrouping.Name });

        Assert.Equal(2, report.Groups.Count);
    }

    [Fact]
    public void Create_SomeActualCosts_SpentTakesActualWhereKnownElseEstimate()
    {
        var report = CostReport.Create([
            TestSessions.Create(estimatedUsd: 1m, actualUsd: 0.25m),
            TestSessions.Create(estimatedUsd: 2m),
            TestSessions.Create(sessionType: "ralph", estimatedUsd: 0.5m, actualUsd: 4m)]);

        Assert.Equal(6.25m, report.TotalSpentUsd);
        Assert.Equal(3.5m, report.TotalEstimatedUsd);
        Assert.Equal(["ralph", "team"], report.Groups.Select(g => g.Key));
        Assert.Equal(2.25m, report.Groups[1].SpentUsd);
    }

    private static TimeZoneInfo Zone(string id) => id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
