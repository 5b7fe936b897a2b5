using NSubstitute;

namespace Omk.Cost.Domain.Tests;

public sealed class CostTrackerTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day3 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    // Construction.

    [Fact]
    public void Constructor_NullSink_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CostTracker(null!));
    }

    // Record: append-only.

    [Fact]
    public async Task RecordAsync_SeveralSessions_LoadsThemInTheOrderRecorded()
    {
        var first = TestSessions.Create(name: "first");
        var second = TestSessions.Create(name: "second");
        var third = TestSessions.Create(name: "third");
        var tracker = await TestSessions.TrackerWith(first, second, third);

        var sessions = await tracker.LoadAsync();

        Assert.Equal([first, second, third], sessions);
    }

    [Fact]
    public async Task RecordAsync_MoreSessions_NeverRewritesOrReordersEarlierOnes()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(name: "a"), TestSessions.Create(name: "b"));
        var before = await tracker.LoadAsync();

        await tracker.RecordAsync(TestSessions.Create(name: "c"));
        await tracker.RecordAsync(TestSessions.Create(name: "a"));
        var after = await tracker.LoadAsync();

        Assert.All(before.Select((session, index) => (session, index)), pair => Assert.Same(pair.session, after[pair.index]));
    }

    [Fact]
    public async Task RecordAsync_SameSessionTwice_StoresItTwice()
    {
        var session = TestSessions.Create();
        var tracker = await TestSessions.TrackerWith(session, session);

        var sessions = await tracker.LoadAsync();

        Assert.Equal(2, sessions.Count);
    }

    [Fact]
    public async Task RecordAsync_Session_AppendsItOnceThroughThePortWithTheToken()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);
        var session = TestSessions.Create();
        using var source = new CancellationTokenSource();

        await tracker.RecordAsync(session, source.Token);

        await sink.Received(1).AppendAsync(session, source.Token);
    }

    [Fact]
    public async Task RecordAsync_Session_NeitherReadsNorClearsNorUpsertsTheStore()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);

        await tracker.RecordAsync(TestSessions.Create());

        Assert.Equal(
            [nameof(ICostSink.AppendAsync)],
            sink.ReceivedCalls().Select(static call => call.GetMethodInfo().Name));
    }

    // Record: validation.

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RecordAsync_NoSessionType_ThrowsArgumentException(string sessionType)
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(TestSessions.Create(sessionType: sessionType)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RecordAsync_NoName_ThrowsArgumentException(string name)
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(TestSessions.Create(name: name)));
    }

    [Fact]
    public async Task RecordAsync_EndsBeforeItStarts_ThrowsArgumentException()
    {
        var tracker = TestSessions.Tracker();
        var session = TestSessions.Create() with { EndedAt = TestSessions.Noon.AddSeconds(-1) };

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(session));
    }

    [Fact]
    public async Task RecordAsync_EndsWhenItStarts_IsRecorded()
    {
        var tracker = TestSessions.Tracker();
        var session = TestSessions.Create() with { EndedAt = TestSessions.Noon };

        await tracker.RecordAsync(session);

        Assert.Single(await tracker.LoadAsync());
    }

    [Fact]
    public async Task RecordAsync_NegativeEstimate_ThrowsArgumentException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(TestSessions.Create(estimatedUsd: -0.0001m)));
    }

    [Fact]
    public async Task RecordAsync_NegativeActualCost_ThrowsArgumentException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(TestSessions.Create(actualUsd: -1m)));
    }

    [Fact]
    public async Task RecordAsync_NullSession_ThrowsArgumentNullException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentNullException>(() => tracker.RecordAsync(null!));
    }

    [Fact]
    public async Task RecordAsync_InvalidSession_NeverReachesThePort()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.RecordAsync(TestSessions.Create(name: "")));

        Assert.Empty(sink.ReceivedCalls());
    }

    // Load and TotalEstimated.

    [Fact]
    public async Task LoadAsync_NothingRecorded_IsEmpty()
    {
        var tracker = TestSessions.Tracker();

        var sessions = await tracker.LoadAsync();

        Assert.Empty(sessions);
    }

    [Fact]
    public async Task LoadAsync_Always_ReadsThroughThePort()
    {
        var session = TestSessions.Create();
        var sink = Substitute.For<ICostSink>();
        sink.ReadAllAsync(Arg.Any<CancellationToken>()).Returns(new[] { session }.ToAsyncEnumerable());
        var tracker = new CostTracker(sink);

        var sessions = await tracker.LoadAsync();

        Assert.Same(session, Assert.Single(sessions));
    }

    [Fact]
    public async Task TotalEstimatedAsync_SeveralSessions_AddsTheirEstimates()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(estimatedUsd: 1.25m),
            TestSessions.Create(estimatedUsd: 0.0091m, actualUsd: 99m));

        var total = await tracker.TotalEstimatedAsync();

        Assert.Equal(1.2591m, total);
    }

    [Fact]
    public async Task TotalEstimatedAsync_NothingRecorded_IsZero()
    {
        var tracker = TestSessions.Tracker();

        var total = await tracker.TotalEstimatedAsync();

        Assert.Equal(0m, total);
    }

    // Report.

    [Fact]
    public async Task ReportAsync_ByType_GroupsSortedByCostHighestFirst()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(sessionType: "ralph", estimatedUsd: 0.5m),
            TestSessions.Create(sessionType: "team", estimatedUsd: 1m),
            TestSessions.Create(sessionType: "autopilot", estimatedUsd: 2m),
            TestSessions.Create(sessionType: "team", estimatedUsd: 3m));

        var report = await tracker.ReportAsync();

        Assert.Equal(
            [("team", 2L, 4m), ("autopilot", 1L, 2m), ("ralph", 1L, 0.5m)],
            report.Groups.Select(static group => (group.Key, group.Sessions, group.EstimatedUsd)));
    }

    [Fact]
    public async Task ReportAsync_EqualCosts_SortsByNameOrdinally()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(sessionType: "team"),
            TestSessions.Create(sessionType: "autopilot"),
            TestSessions.Create(sessionType: "Ralph"));

        var report = await tracker.ReportAsync();

        Assert.Equal(["Ralph", "autopilot", "team"], report.Groups.Select(static group => group.Key));
    }

    [Fact]
    public async Task ReportAsync_ByName_GroupsBySessionName()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(sessionType: "team", name: "auth", estimatedUsd: 1m),
            TestSessions.Create(sessionType: "ralph", name: "auth", estimatedUsd: 1m),
            TestSessions.Create(sessionType: "team", name: "billing", estimatedUsd: 3m));

        var report = await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Name });

        Assert.Equal([("billing", 3m), ("auth", 2m)], report.Groups.Select(static group => (group.Key, group.EstimatedUsd)));
    }

    [Fact]
    public async Task ReportAsync_ByDay_GroupsByUtcDayOldestFirst()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(startedAt: Day2, estimatedUsd: 1m),
            TestSessions.Create(startedAt: Day1, estimatedUsd: 5m),
            TestSessions.Create(startedAt: Day2.AddHours(3), estimatedUsd: 1m),
            TestSessions.Create(startedAt: Day3, estimatedUsd: 9m));

        var report = await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Day });

        Assert.Equal(
            [("2026-11-20", 5m), ("2026-11-21", 2m), ("2026-12-01", 9m)],
            report.Groups.Select(static group => (group.Key, group.EstimatedUsd)));
    }

    [Fact]
    public async Task ReportAsync_ByDay_UsesTheUtcDayNotTheLocalOne()
    {
        var lateEveningInNewYork = new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.FromHours(-5));
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(startedAt: lateEveningInNewYork));

        var report = await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Day });

        Assert.Equal("2026-11-21", Assert.Single(report.Groups).Key);
    }

    [Fact]
    public async Task ReportAsync_ByMonth_GroupsByUtcMonthOldestFirst()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(startedAt: Day3, estimatedUsd: 1m),
            TestSessions.Create(startedAt: Day1, estimatedUsd: 1m),
            TestSessions.Create(startedAt: Day2, estimatedUsd: 1m));

        var report = await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Month });

        Assert.Equal([("2026-11", 2L), ("2026-12", 1L)], report.Groups.Select(static group => (group.Key, group.Sessions)));
    }

    [Fact]
    public async Task ReportAsync_SinceAndUntil_CoverSinceInclusiveToUntilExclusive()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(name: "before", startedAt: Day1),
            TestSessions.Create(name: "at-since", startedAt: Day2),
            TestSessions.Create(name: "at-until", startedAt: Day3));

        var report = await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Name, Since = Day2, Until = Day3 });

        Assert.Equal(["at-since"], report.Groups.Select(static group => group.Key));
    }

    [Fact]
    public async Task ReportAsync_SeveralSessions_TotalsSessionsTokensAndDollars()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(sessionType: "team", estimatedUsd: 1m, actualUsd: 1.5m, inputTokens: 100, outputTokens: 10),
            TestSessions.Create(sessionType: "ralph", estimatedUsd: 2m, inputTokens: 200, outputTokens: 20),
            TestSessions.Create(sessionType: "team", estimatedUsd: 3m, actualUsd: 0.25m, inputTokens: 300, outputTokens: 30));

        var report = await tracker.ReportAsync();

        Assert.Equal(
            (3L, 600UL, 60UL, 6m, (decimal?)1.75m),
            (report.Sessions, report.InputTokens, report.OutputTokens, report.TotalEstimatedUsd, report.TotalActualUsd));
    }

    [Fact]
    public async Task ReportAsync_NoSessionKnowsItsActualCost_HasNoActualTotal()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(), TestSessions.Create());

        var report = await tracker.ReportAsync();

        Assert.Null(report.TotalActualUsd);
    }

    [Fact]
    public async Task ReportAsync_GroupWithoutActualCosts_HasNoActualTotal()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(sessionType: "team", estimatedUsd: 2m, actualUsd: 2m),
            TestSessions.Create(sessionType: "ralph", estimatedUsd: 1m));

        var report = await tracker.ReportAsync();

        Assert.Equal(
            [("team", (decimal?)2m), ("ralph", null)],
            report.Groups.Select(static group => (group.Key, group.ActualUsd)));
    }

    [Fact]
    public async Task ReportAsync_TokensOverflow_Saturate()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(inputTokens: ulong.MaxValue),
            TestSessions.Create(inputTokens: ulong.MaxValue));

        var report = await tracker.ReportAsync();

        Assert.Equal(ulong.MaxValue, report.InputTokens);
    }

    [Fact]
    public async Task ReportAsync_NothingRecorded_IsEmpty()
    {
        var tracker = TestSessions.Tracker();

        var report = await tracker.ReportAsync();

        Assert.Equal((0L, 0, 0m), (report.Sessions, report.Groups.Count, report.TotalEstimatedUsd));
    }

    [Fact]
    public async Task ReportAsync_Always_LeavesTheHistoryAsItWas()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(name: "a"), TestSessions.Create(name: "b"));
        var before = await tracker.LoadAsync();

        await tracker.ReportAsync(new CostReportQuery { GroupBy = CostGrouping.Day });

        Assert.Equal(before, await tracker.LoadAsync());
    }

    // Budget.

    [Fact]
    public async Task CheckBudgetAsync_ActualCostKnown_CountsItInsteadOfTheEstimate()
    {
        var tracker = await TestSessions.TrackerWith(
            TestSessions.Create(estimatedUsd: 1m, actualUsd: 4m),
            TestSessions.Create(estimatedUsd: 2m));

        var status = await tracker.CheckBudgetAsync(10m);

        Assert.Equal(6m, status.SpentUsd);
    }

    [Fact]
    public async Task CheckBudgetAsync_UnderTheLimit_IsNotExceededWithTheRemainder()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(estimatedUsd: 3m));

        var status = await tracker.CheckBudgetAsync(10m);

        Assert.Equal((10m, 3m, 7m, false), (status.LimitUsd, status.SpentUsd, status.RemainingUsd, status.Exceeded));
    }

    [Fact]
    public async Task CheckBudgetAsync_OverTheLimit_IsExceededWithNothingRemaining()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(estimatedUsd: 12m));

        var status = await tracker.CheckBudgetAsync(10m);

        Assert.Equal((0m, true), (status.RemainingUsd, status.Exceeded));
    }

    [Fact]
    public async Task CheckBudgetAsync_ExactlyTheLimit_IsNotExceeded()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(estimatedUsd: 10m));

        var status = await tracker.CheckBudgetAsync(10m);

        Assert.Equal((0m, false), (status.RemainingUsd, status.Exceeded));
    }

    [Fact]
    public async Task CheckBudgetAsync_NegativeLimit_ThrowsArgumentOutOfRangeException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => tracker.CheckBudgetAsync(-0.01m));
    }

    [Fact]
    public async Task CheckBudgetAsync_ZeroLimitAndNoSpend_IsNotExceeded()
    {
        var tracker = TestSessions.Tracker();

        var status = await tracker.CheckBudgetAsync(0m);

        Assert.False(status.Exceeded);
    }

    // Clear.

    [Fact]
    public async Task ClearAsync_SessionsRecorded_RemovesThemAll()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(), TestSessions.Create());

        await tracker.ClearAsync();

        Assert.Empty(await tracker.LoadAsync());
    }

    [Fact]
    public async Task ClearAsync_SessionsRecorded_ReportsHowManyWereRemoved()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(), TestSessions.Create());

        var outcome = await tracker.ClearAsync();

        Assert.Equal(new ClearOutcome(2, null), outcome);
    }

    [Fact]
    public async Task ClearAsync_Always_GoesThroughThePortWithTheToken()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);
        using var source = new CancellationTokenSource();

        await tracker.ClearAsync(source.Token);

        await sink.Received(1).ClearAsync(source.Token);
    }

    // Upsert.

    [Fact]
    public async Task UpsertAsync_NewIdentities_AddsThem()
    {
        var tracker = TestSessions.Tracker();

        var outcome = await tracker.UpsertAsync([TestSessions.Create(id: "kimi:1"), TestSessions.Create(id: "kimi:2")]);

        Assert.Equal(new UpsertOutcome(2, 0, 0), outcome);
    }

    [Fact]
    public async Task UpsertAsync_KnownIdentities_CountsReplacedAndUnchanged()
    {
        var tracker = TestSessions.Tracker();
        await tracker.UpsertAsync([TestSessions.Create(id: "kimi:1"), TestSessions.Create(id: "kimi:2")]);

        var outcome = await tracker.UpsertAsync(
            [TestSessions.Create(id: "kimi:1", estimatedUsd: 5m), TestSessions.Create(id: "kimi:2"), TestSessions.Create(id: "kimi:3")]);

        Assert.Equal(new UpsertOutcome(1, 1, 1), outcome);
    }

    [Fact]
    public async Task UpsertAsync_ChangedSession_IsReplacedInPlace()
    {
        var plain = TestSessions.Create(name: "plain");
        var tracker = await TestSessions.TrackerWith(TestSessions.Create(name: "old", id: "kimi:1"), plain);
        var changed = TestSessions.Create(name: "new", id: "kimi:1");

        await tracker.UpsertAsync([changed]);

        Assert.Equal([changed, plain], await tracker.LoadAsync());
    }

    [Fact]
    public async Task UpsertAsync_SessionWithoutId_ThrowsArgumentException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.UpsertAsync([TestSessions.Create(id: " ")]));
    }

    [Fact]
    public async Task UpsertAsync_InvalidSession_ThrowsArgumentException()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.UpsertAsync([TestSessions.Create(id: "kimi:1", actualUsd: -1m)]));
    }

    [Fact]
    public async Task UpsertAsync_OneInvalidSession_StoresNone()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAsync<ArgumentException>(() => tracker.UpsertAsync([TestSessions.Create(id: "kimi:1"), TestSessions.Create(id: null)]));

        Assert.Empty(await tracker.LoadAsync());
    }

    [Fact]
    public async Task UpsertAsync_Sessions_GoThroughThePortWithTheToken()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);
        IReadOnlyCollection<SessionCost> sessions = [TestSessions.Create(id: "kimi:1")];
        using var source = new CancellationTokenSource();

        await tracker.UpsertAsync(sessions, source.Token);

        await sink.Received(1).UpsertAsync(sessions, UpsertMode.Apply, source.Token);
    }

    [Fact]
    public async Task UpsertAsync_DryRun_GoesThroughThePortAsADryRun()
    {
        var sink = Substitute.For<ICostSink>();
        var tracker = new CostTracker(sink);
        IReadOnlyCollection<SessionCost> sessions = [TestSessions.Create(id: "kimi:1")];

        await tracker.UpsertAsync(sessions, UpsertMode.DryRun, CancellationToken.None);

        await sink.Received(1).UpsertAsync(sessions, UpsertMode.DryRun, CancellationToken.None);
    }

    [Fact]
    public void StoreLocation_Always_IsTheSinksLocation()
    {
        var sink = Substitute.For<ICostSink>();
        sink.Location.Returns("db.example/omk");

        Assert.Equal("db.example/omk", new CostTracker(sink).StoreLocation);
    }

    [Fact]
    public async Task HasHistoryAsync_Always_AsksThePort()
    {
        var sink = Substitute.For<ICostSink>();
        sink.ExistsAsync(Arg.Any<CancellationToken>()).Returns(true);

        Assert.True(await new CostTracker(sink).HasHistoryAsync());
    }

    // Cancellation: every async method honours a cancelled token.

    [Fact]
    public async Task RecordAsync_CancelledToken_ThrowsAndStoresNothing()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.RecordAsync(TestSessions.Create(), TestSessions.Cancelled()));

        Assert.Empty(await tracker.LoadAsync());
    }

    [Fact]
    public async Task UpsertAsync_CancelledToken_Throws()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.UpsertAsync([TestSessions.Create(id: "kimi:1")], TestSessions.Cancelled()));
    }

    [Fact]
    public async Task LoadAsync_CancelledToken_Throws()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.LoadAsync(TestSessions.Cancelled()));
    }

    [Fact]
    public async Task LoadAsync_CancelledTokenOnAnEmptyStore_Throws()
    {
        var tracker = TestSessions.Tracker();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.LoadAsync(TestSessions.Cancelled()));
    }

    [Fact]
    public async Task TotalEstimatedAsync_CancelledToken_Throws()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.TotalEstimatedAsync(TestSessions.Cancelled()));
    }

    [Fact]
    public async Task ReportAsync_CancelledToken_Throws()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.ReportAsync(cancellationToken: TestSessions.Cancelled()));
    }

    [Fact]
    public async Task CheckBudgetAsync_CancelledToken_Throws()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.CheckBudgetAsync(10m, TestSessions.Cancelled()));
    }

    [Fact]
    public async Task ClearAsync_CancelledToken_ThrowsAndKeepsTheSessions()
    {
        var tracker = await TestSessions.TrackerWith(TestSessions.Create());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tracker.ClearAsync(TestSessions.Cancelled()));

        Assert.Single(await tracker.LoadAsync());
    }
}
