using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests.Usage;

public sealed class UsageReportTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddHours(1);

    private static readonly PriceTable Prices = new([
        new ModelPrice { Model = "cheap", CacheMissPerMillion = 1m, OutputPerMillion = 2m },
        new ModelPrice { Model = "dear", CacheMissPerMillion = 10m, OutputPerMillion = 20m },
    ]);

    private static readonly SessionUsage Spanning = Session("s1", "proj-a", new UsageCall(Day1, "cheap", new TokenUsage(1_000_000, 0, 0, 0)), new UsageCall(Day2, "dear", new TokenUsage(0, 0, 0, 1_000_000)));
    private static readonly SessionUsage Second = Session("s2", "proj-b", new UsageCall(Day2, "cheap", new TokenUsage(0, 0, 0, 1_000_000)));

    [Fact]
    public void Create_ByDay_PutsEachCallInItsOwnUtcDay()
    {
        var report = UsageReport.Create([Spanning, Second], Prices);

        Assert.Equal(["2026-11-20", "2026-11-21"], report.Groups.Select(g => g.Key));
        Assert.Equal([1m, 22m], report.Groups.Select(g => g.Summary.CostUsd));
    }

    [Fact]
    public void Create_ModelsAlternatingInOneGroup_PricesEachCallAtItsModel()
    {
        var session = Session(
            "s4",
            null,
            new UsageCall(Day1, "cheap", new TokenUsage(1_000_000, 0, 0, 0)),
            new UsageCall(Day1.AddMinutes(1), "dear", new TokenUsage(1_000_000, 0, 0, 0)),
            new UsageCall(Day1.AddMinutes(2), "cheap", new TokenUsage(0, 0, 0, 1_000_000)),
            new UsageCall(Day1.AddMinutes(3), "mystery", new TokenUsage(1, 2, 3, 4)),
            new UsageCall(Day1.AddMinutes(4), "dear", new TokenUsage(0, 0, 0, 2_000_000)));

        var report = UsageReport.Create([session], Prices);

        // cheap: 1 + 2; dear: 10 + 40; the unpriced call adds tokens, never cost.
        var day = Assert.Single(report.Groups);
        Assert.Equal(53m, day.Summary.PricedCostUsd);
        Assert.Equal(53m, report.Total.PricedCostUsd);
        Assert.Equal(new TokenUsage(2_000_001, 2, 3, 3_000_004), day.Summary.Usage);
        Assert.Equal(day.Summary.Usage, report.Total.Usage);
    }

    [Fact]
    public void Create_TokensBeyondULongInOneGroup_SaturateAsCallByCall()
    {
        var session = Session(
            "s5",
            null,
            new UsageCall(Day1, "cheap", new TokenUsage(ulong.MaxValue - 1, 0, 0, 0)),
            new UsageCall(Day1.AddMinutes(1), "mystery", new TokenUsage(5, 0, 0, 0)),
            new UsageCall(Day1.AddMinutes(2), "dear", new TokenUsage(7, 0, 0, 0)));

        var report = UsageReport.Create([session], Prices);

        Assert.Equal(ulong.MaxValue, report.Total.Usage.InputOther);
        Assert.Equal(ulong.MaxValue, Assert.Single(report.Groups).Summary.Usage.InputOther);
    }

    [Fact]
    public void Create_SessionInTwoGroups_CountsItOnceInTotal()
    {
        var report = UsageReport.Create([Spanning, Second], Prices);

        Assert.Equal(2, report.Total.Sessions);
        Assert.Equal([1L, 2L], report.Groups.Select(g => g.Summary.Sessions));
    }

    [Fact]
    public void Create_SinceAndUntil_KeepOnlyCallsInside()
    {
        var report = UsageReport.Create([Spanning, Second], Prices, new UsageQuery { Since = Day2, Until = Day2.AddTicks(1) });

        Assert.Equal(new TokenUsage(0, 0, 0, 2_000_000), report.Total.Usage);
    }

    [Fact]
    public void Create_UntilIsExclusive_LeavesCallAtUntilOut()
    {
        var report = UsageReport.Create([Second], Prices, new UsageQuery { Until = Day2 });

        Assert.Equal(0, report.Total.Sessions);
    }

    [Fact]
    public void Create_UnpricedModel_CostIsNullAndModelListed()
    {
        var session = Session("s3", null, new UsageCall(Day1, "cheap", new TokenUsage(1_000_000, 0, 0, 0)), new UsageCall(Day1, "mystery", new TokenUsage(5, 6, 7, 8)));

        var report = UsageReport.Create([session], Prices);

        Assert.Null(report.Total.CostUsd);
        Assert.Equal(1m, report.Total.PricedCostUsd);
        Assert.Equal([new UnpricedModel("mystery", 26)], report.Total.Unpriced);
    }

    [Fact]
    public void Create_ByModel_SortsHighestCostFirst()
    {
        var report = UsageReport.Create([Spanning, Second], Prices, new UsageQuery { GroupBy = UsageGrouping.Model });

        Assert.Equal(["dear", "cheap"], report.Groups.Select(g => g.Key));
    }

    [Fact]
    public void Create_ByProject_UnknownProjectHasPlaceholderKey()
    {
        var report = UsageReport.Create([Session("s4", null, new UsageCall(Day1, "cheap", new TokenUsage(1, 0, 0, 0)))], Prices, new UsageQuery { GroupBy = UsageGrouping.Project });

        Assert.Equal("(unknown)", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_BySession_LabelsGroupWithTitle()
    {
        var report = UsageReport.Create([Spanning], Prices, new UsageQuery { GroupBy = UsageGrouping.Session });

        Assert.Equal("title of s1", Assert.Single(report.Groups).Label);
    }

    [Fact]
    public void Create_BySession_GivesTitleProjectStartInTheZoneAndMainModel()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var report = UsageReport.Create([Spanning], Prices, new UsageQuery { GroupBy = UsageGrouping.Session, TimeZone = shanghai });

        var session = Assert.Single(report.Groups).Session!;
        Assert.Equal(("title of s1", "proj-a", "cheap", 1), (session.Title, session.Project, session.Model, session.OtherModels)); // A tie of tokens: the first model called.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 30, 0, TimeSpan.FromHours(8)), session.StartedAt);
        Assert.Equal(TimeSpan.FromHours(8), session.StartedAt.Offset);
    }

    [Fact]
    public void Create_BySessionWithAWindow_MainModelIsOfTheCoveredCallsOnly()
    {
        var report = UsageReport.Create([Spanning], Prices, new UsageQuery { GroupBy = UsageGrouping.Session, Until = Day2 });

        var session = Assert.Single(report.Groups).Session!;
        Assert.Equal(("cheap", 0), (session.Model, session.OtherModels));
    }

    [Fact]
    public void Create_ByDay_GroupsHaveNoSessionDetails()
    {
        var report = UsageReport.Create([Spanning], Prices);

        Assert.All(report.Groups, group => Assert.Null(group.Session));
    }

    [Fact]
    public void Summarize_Session_PricesEveryCall()
    {
        var summary = Spanning.Summarize(Prices);

        Assert.Equal(21m, summary.CostUsd);
    }

    [Fact]
    public void Create_OneModelAcrossAPriceChange_PricesEachCallAtItsMoment()
    {
        var change = new DateTimeOffset(2026, 4, 20, 15, 28, 10, TimeSpan.Zero);
        var prices = new PriceTable(
            [new ModelPrice { Model = "old", CacheMissPerMillion = 0m, OutputPerMillion = 1m }, new ModelPrice { Model = "new", CacheMissPerMillion = 0m, OutputPerMillion = 10m }],
            [new ModelAlias { Model = "coding", PricedAs = "old" }, new ModelAlias { Model = "coding", EffectiveFrom = change, PricedAs = "new" }]);
        var million = new TokenUsage(0, 0, 0, 1_000_000);
        var model = "coding";
        var session = Session(
            "s7",
            null,
            new UsageCall(change.AddSeconds(-2), model, million),
            new UsageCall(change.AddTicks(-1), model, million),
            new UsageCall(change, model, million),
            new UsageCall(change.AddSeconds(-1), model, million),
            new UsageCall(change.AddDays(1), model, million));

        var report = UsageReport.Create([session], prices, new UsageQuery { GroupBy = UsageGrouping.Model });

        Assert.Equal(1m + 1m + 10m + 1m + 10m, report.Total.CostUsd);
    }

    [Fact]
    public void MainModel_TwoModels_IsTheOneWithMostTokens()
    {
        var session = Session("s6", null, new UsageCall(Day1, "a", new TokenUsage(1, 0, 0, 0)), new UsageCall(Day1, "b", new TokenUsage(0, 5, 0, 0)), new UsageCall(Day1, "a", new TokenUsage(1, 0, 0, 0)));

        Assert.Equal("b", session.MainModel);
    }

    private static SessionUsage Session(string id, string? project, params UsageCall[] calls) => new()
    {
        SessionId = id,
        Title = $"title of {id}",
        Project = project,
        StartedAt = calls.Min(c => c.Timestamp),
        EndedAt = calls.Max(c => c.Timestamp),
        Calls = calls,
    };

    [Fact]
    public void Create_ByDaySessionsInReverseOrder_ListsTheDaysInOrder()
    {
        var report = UsageReport.Create([Session("late", null, new UsageCall(Day2.AddDays(3), "cheap", new TokenUsage(1, 0, 0, 0))), Spanning], Prices);

        Assert.Equal(["2026-11-20", "2026-11-21", "2026-11-24"], report.Groups.Select(group => group.Key));
    }

    [Fact]
    public void Create_BySession_ListsThemByFirstCallThenById()
    {
        var later = Session("a-later", null, new UsageCall(Day2, "cheap", new TokenUsage(1, 0, 0, 0)));
        var sameStart = Session("b-same", null, new UsageCall(Day1, "cheap", new TokenUsage(1, 0, 0, 0)));

        var report = UsageReport.Create([later, sameStart, Spanning], Prices, new UsageQuery { GroupBy = UsageGrouping.Session });

        Assert.Equal(["b-same", "s1", "a-later"], report.Groups.Select(group => group.Key));
        Assert.Equal("title of s1", report.Groups[1].Label);
    }

    [Fact]
    public void Create_ByModelEqualCosts_ListsThemById()
    {
        var prices = new PriceTable([new ModelPrice { Model = "x", CacheMissPerMillion = 1m, OutputPerMillion = 1m }, new ModelPrice { Model = "w", CacheMissPerMillion = 1m, OutputPerMillion = 1m }]);
        var session = Session("s", null, new UsageCall(Day1, "x", new TokenUsage(1_000_000, 0, 0, 0)), new UsageCall(Day2, "w", new TokenUsage(1_000_000, 0, 0, 0)));

        var report = UsageReport.Create([session], prices, new UsageQuery { GroupBy = UsageGrouping.Model });

        Assert.Equal(["w", "x"], report.Groups.Select(group => group.Key));
        Assert.Null(report.Groups[0].Label);
    }

    [Fact]
    public void Create_ByProjectWithoutOne_GroupsItAsUnknown()
    {
        var report = UsageReport.Create([Session("s", null, new UsageCall(Day1, "cheap", new TokenUsage(1, 0, 0, 0)))], Prices, new UsageQuery { GroupBy = UsageGrouping.Project });

        Assert.Equal("(unknown)", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public void Create_ForkWithoutCalls_CountsAsASessionAndARowBySessionOnlyInsideTheWindow()
    {
        var fork = new SessionUsage { SessionId = "fork", Title = "forked", StartedAt = Day1, EndedAt = Day1, Calls = [] };

        var bySession = UsageReport.Create([fork, Second], Prices, new UsageQuery { GroupBy = UsageGrouping.Session });
        var byDay = UsageReport.Create([fork, Second], Prices);
        var outside = UsageReport.Create([fork], Prices, new UsageQuery { GroupBy = UsageGrouping.Session, Since = Day2 });

        Assert.Equal(["fork", "s2"], bySession.Groups.Select(group => group.Key));
        Assert.Equal(1, bySession.Groups[0].Summary.Sessions);
        Assert.Equal(2, bySession.Total.Sessions);
        Assert.Equal(["2026-11-21"], byDay.Groups.Select(group => group.Key));
        Assert.Equal(2, byDay.Total.Sessions);
        Assert.Empty(outside.Groups);
        Assert.Equal(0, outside.Total.Sessions);
    }
}
