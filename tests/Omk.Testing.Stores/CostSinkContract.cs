using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;
using Xunit;

namespace Omk.Testing.Stores;

/// <summary>
/// The behaviour every <see cref="ICostSink"/> owes its callers, run against each store by a subclass in that store's
/// test project: append, upsert by id, read in order, clear, and reports that equal the domain's own rules.
/// </summary>
/// <remarks>
/// A store may give a session appended without an id an id of its own (the team store does, a UUID v7); it never
/// changes an id it was given. Every comparison below allows exactly that and nothing else.
/// </remarks>
public abstract class CostSinkContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the store under test, fresh and empty for each test.</summary>
    protected ICostSink Sink { get; private set; } = null!;

    /// <summary>Creates a fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ICostSink> CreateSinkAsync();

    /// <inheritdoc/>
    public async Task InitializeAsync() => Sink = await CreateSinkAsync();

    /// <inheritdoc/>
    public virtual Task DisposeAsync()
    {
        (Sink as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReadAllAsync_EmptyStore_ReturnsNoSessions()
    {
        Assert.Empty(await ReadAllAsync());
    }

    [Fact]
    public async Task AppendAsync_ThreeSessions_ReadsThemBackInOrder()
    {
        var sessions = new[] { Session("first"), Session("second", "ralph"), Session("third", "autopilot") };

        foreach (var session in sessions)
        {
            await Sink.AppendAsync(session, CancellationToken.None);
        }

        AssertSameSessions(sessions, await ReadAllAsync());
    }

    [Fact]
    public async Task AppendAndUpsert_NameWithALoneSurrogate_AreRefusedAndNothingIsStored()
    {
        // The ledger's text rule (SessionText): no store rewrites "bad\uD800name" as "bad\uFFFDname".
        var session = Session("bad\ud800name") with { Id = "r-1" };

        var append = await Assert.ThrowsAsync<ArgumentException>(() => Sink.AppendAsync(session, CancellationToken.None));
        var upsert = await Assert.ThrowsAsync<ArgumentException>(() => Sink.UpsertAsync([session], UpsertMode.Apply, CancellationToken.None));

        Assert.StartsWith("the session's name holds a lone surrogate (U+D800) at character 4", append.Message, StringComparison.Ordinal);
        Assert.Equal(append.Message, upsert.Message);
        Assert.Empty(await ReadAllAsync());
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z", null, "started_at 9999-12-31T23:00:00Z is not a time from 1970-01-01 to 9998-12-31 (UTC)")]
    [InlineData("2026-11-20T09:00:00Z", "9999-01-01T00:00:00Z", "ended_at 9999-01-01T00:00:00Z is not a time from 1970-01-01 to 9998-12-31 (UTC)")]
    [InlineData("1969-12-31T23:59:59Z", null, "started_at 1969-12-31T23:59:59Z is not a time from 1970-01-01 to 9998-12-31 (UTC)")]
    public async Task AppendAndUpsert_TimeNoReportCanPlace_AreRefusedAndNothingIsStored(string started, string? ended, string problem)
    {
        // The ledger's time rule (SessionTimes): a time in the year 9999 has no next month for a report by period.
        var session = Session("far") with
        {
            Id = "t-1",
            StartedAt = DateTimeOffset.Parse(started, System.Globalization.CultureInfo.InvariantCulture),
            EndedAt = ended is null ? null : DateTimeOffset.Parse(ended, System.Globalization.CultureInfo.InvariantCulture),
        };

        var append = await Assert.ThrowsAsync<ArgumentException>(() => Sink.AppendAsync(session, CancellationToken.None));
        var upsert = await Assert.ThrowsAsync<ArgumentException>(() => Sink.UpsertAsync([session], UpsertMode.Apply, CancellationToken.None));

        Assert.StartsWith(problem, append.Message, StringComparison.Ordinal);
        Assert.Equal(append.Message, upsert.Message);
        Assert.Empty(await ReadAllAsync());
    }

    [Fact]
    public async Task AppendAsync_ExtremeValues_KeepsEveryFieldExactly()
    {
        var session = new SessionCost
        {
            SessionType = "ralph",
            Name = "extreme \"quoted\" ünïcödé 名前",
            StartedAt = new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1_234_567),
            EndedAt = new DateTimeOffset(2026, 11, 20, 9, 47, 10, TimeSpan.Zero).AddTicks(9),
            Estimate = new CostEstimate(ulong.MaxValue, ulong.MaxValue - 1, ulong.MaxValue, 18_446_744_073_709_551_000, 123456789.123456789012345678m, PricingTier.Premium),
            ActualUsd = 0.0000000001m,
        };

        await Sink.AppendAsync(session, CancellationToken.None);

        var stored = Assert.Single(await ReadAllAsync());
        AssertSameSession(session, stored);
        Assert.Equal(session.StartedAt.UtcTicks, stored.StartedAt.UtcTicks);
        Assert.Equal(session.EndedAt!.Value.UtcTicks, stored.EndedAt!.Value.UtcTicks);
    }

    [Fact]
    public async Task AppendAsync_NullEndAndActual_KeepsThemNull()
    {
        var session = Session("open") with { EndedAt = null, ActualUsd = null };

        await Sink.AppendAsync(session, CancellationToken.None);

        var stored = Assert.Single(await ReadAllAsync());
        Assert.Null(stored.EndedAt);
        Assert.Null(stored.ActualUsd);
    }

    [Fact]
    public async Task AppendAsync_SessionWithId_KeepsTheId()
    {
        await Sink.AppendAsync(Session("imported") with { Id = "kimi:abc" }, CancellationToken.None);

        Assert.Equal("kimi:abc", Assert.Single(await ReadAllAsync()).Id);
    }

    [Fact]
    public async Task AppendAsync_ManyWritersAtOnce_KeepsEverySessionOnce()
    {
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; n < 25; n++)
            {
                await Sink.AppendAsync(Session($"w{writer}-{n}"), CancellationToken.None);
            }
        }));

        await Task.WhenAll(writers);

        var names = (await ReadAllAsync()).Select(static session => session.Name).ToList();
        Assert.Equal(200, names.Count);
        Assert.Equal(200, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task AppendAsync_Cancelled_StoresNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sink.AppendAsync(Session("cancelled"), new CancellationToken(canceled: true)));

        Assert.Empty(await ReadAllAsync());
    }

    [Fact]
    public async Task UpsertAsync_NewIds_AppendsThemAfterTheStoredSessions()
    {
        await Sink.AppendAsync(Session("recorded"), CancellationToken.None);

        var outcome = await Sink.UpsertAsync([Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b" }], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(2, 0, 0), outcome);
        Assert.Equal(["recorded", "a", "b"], (await ReadAllAsync()).Select(static session => session.Name));
    }

    [Fact]
    public async Task UpsertAsync_SameSessionsTwice_AddsEachOnce()
    {
        SessionCost[] import = [Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b" }];
        await Sink.UpsertAsync(import, UpsertMode.Apply, CancellationToken.None);

        var again = await Sink.UpsertAsync(import, UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(0, 0, 2), again);
        AssertSameSessions(import, await ReadAllAsync());
    }

    [Fact]
    public async Task UpsertAsync_ChangedSession_ReplacesItInPlace()
    {
        await Sink.UpsertAsync([Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b" }], UpsertMode.Apply, CancellationToken.None);
        var changed = Session("a") with { Id = "kimi:a", ActualUsd = 2.5m };

        var outcome = await Sink.UpsertAsync([changed], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(0, 1, 0), outcome);
        var stored = await ReadAllAsync();
        Assert.Equal(["a", "b"], stored.Select(static session => session.Name));
        Assert.Equal(2.5m, stored[0].ActualUsd);
    }

    [Fact]
    public async Task UpsertAsync_TwoMachinesImportOverlappingSessions_StoresEachOnce()
    {
        var machineA = Sink.UpsertAsync([Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b" }], UpsertMode.Apply, CancellationToken.None);
        var machineB = Sink.UpsertAsync([Session("b") with { Id = "kimi:b" }, Session("c") with { Id = "kimi:c" }], UpsertMode.Apply, CancellationToken.None);

        await Task.WhenAll(machineA, machineB);

        Assert.Equal(["kimi:a", "kimi:b", "kimi:c"], (await ReadAllAsync()).Select(static session => session.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_DryRun_CountsWhatApplyWouldDoAndWritesNothing()
    {
        await Sink.UpsertAsync([Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b" }], UpsertMode.Apply, CancellationToken.None);
        SessionCost[] import = [Session("a") with { Id = "kimi:a" }, Session("b") with { Id = "kimi:b", ActualUsd = 9m }, Session("c") with { Id = "kimi:c" }];

        var planned = await Sink.UpsertAsync(import, UpsertMode.DryRun, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(1, 1, 1), planned);
        Assert.Equal(["a", "b"], (await ReadAllAsync()).Select(static session => session.Name));
        Assert.Equal(planned, await Sink.UpsertAsync(import, UpsertMode.Apply, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_UsageDetails_KeepsThemExactly()
    {
        var session = Session("kimi") with
        {
            Id = "kimi:d",
            Details = new SessionUsageDetails { Model = "kimi-k2", Project = "/home/dev/项目", CacheReadTokens = ulong.MaxValue, CacheCreationTokens = 0 },
        };
        var bare = Session("bare") with { Id = "kimi:e", Details = new SessionUsageDetails() };

        await Sink.AppendAsync(session, CancellationToken.None);
        await Sink.AppendAsync(bare, CancellationToken.None);

        AssertSameSessions([session, bare], await ReadAllAsync());
    }

    [Fact]
    public async Task AppendAndUpsert_ExtraFields_ReadsEveryFieldBack()
    {
        var extra = SessionExtraFieldsJson.FromJson("""
            {"added_in": "0.6.0", "retries": 3, "ratio": 0.125, "big": 123456789012345678901234567890, "ok": true,
             "nothing": null, "tags": ["a", "ü", "名"], "nested": {"b": [1, {"c": "d"}], "a": "x\"y"}}
            """);
        var recorded = Session("recorded") with { ExtraFields = extra };
        var imported = Session("imported") with
        {
            Id = "kimi:x",
            ExtraFields = extra,
            Details = new SessionUsageDetails { Model = "kimi-k2", Project = "/p", CacheReadTokens = 1, CacheCreationTokens = 2 },
        };

        await Sink.AppendAsync(recorded, CancellationToken.None);
        var added = await Sink.UpsertAsync([imported], UpsertMode.Apply, CancellationToken.None);
        var again = await Sink.UpsertAsync([imported], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(1, 0, 0), added);
        Assert.Equal(new UpsertOutcome(0, 0, 1), again);
        var stored = await ReadAllAsync();
        AssertSameSessions([recorded, imported], stored);
        Assert.Equal(8, SessionExtraFieldsJson.Elements(stored[1].ExtraFields!).Count);
    }

    [Fact]
    public async Task UpsertAsync_ReplacementWithoutExtraFields_KeepsTheStoredOnes()
    {
        var stored = Session("imported") with { Id = "kimi:y", ExtraFields = SessionExtraFieldsJson.FromJson("""{"kept": [1, 2], "over": "old"}""") };
        await Sink.UpsertAsync([stored], UpsertMode.Apply, CancellationToken.None);

        var plain = await Sink.UpsertAsync([stored with { ExtraFields = null, ActualUsd = 2m }], UpsertMode.Apply, CancellationToken.None);
        var over = await Sink.UpsertAsync([stored with { ExtraFields = SessionExtraFieldsJson.FromJson("""{"over": "new"}"""), ActualUsd = 2m }], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(0, 1, 0), plain);
        Assert.Equal(new UpsertOutcome(0, 1, 0), over);
        var read = Assert.Single(await ReadAllAsync());
        Assert.Equal(2m, read.ActualUsd);
        Assert.Equal("""{"kept":[1,2],"over":"new"}""", read.ExtraFields!.Text);
    }

    [Fact]
    public async Task ExistsAsync_EmptyThenRecorded_TellsWhetherThereIsAHistory()
    {
        Assert.False(await Sink.ExistsAsync(CancellationToken.None));
        await Sink.AppendAsync(Session("a"), CancellationToken.None);
        Assert.True(await Sink.ExistsAsync(CancellationToken.None));
    }

    [Fact]
    public void Location_NamesTheStore()
    {
        Assert.False(string.IsNullOrWhiteSpace(Sink.Location));
    }

    [Fact]
    public async Task ClearAsync_StoredSessions_RemovesAllAndCountsThem()
    {
        await Sink.AppendAsync(Session("a"), CancellationToken.None);
        await Sink.AppendAsync(Session("b"), CancellationToken.None);

        var outcome = await Sink.ClearAsync(CancellationToken.None);

        Assert.Equal(2, outcome.RemovedSessions);
        Assert.Empty(await ReadAllAsync());
    }

    [Fact]
    public async Task ClearAsync_ThenAppend_StartsAFreshHistory()
    {
        await Sink.AppendAsync(Session("old"), CancellationToken.None);
        await Sink.ClearAsync(CancellationToken.None);

        await Sink.AppendAsync(Session("new"), CancellationToken.None);

        Assert.Equal("new", Assert.Single(await ReadAllAsync()).Name);
    }

    [Theory]
    [InlineData(CostGrouping.Type, "UTC")]
    [InlineData(CostGrouping.Name, "UTC")]
    [InlineData(CostGrouping.Day, "UTC")]
    [InlineData(CostGrouping.Day, "Asia/Shanghai")]
    [InlineData(CostGrouping.Day, "America/New_York")]
    [InlineData(CostGrouping.Day, "America/Santiago")]
    [InlineData(CostGrouping.Day, "Australia/Lord_Howe")]
    [InlineData(CostGrouping.Week, "Asia/Kolkata")]
    [InlineData(CostGrouping.Week, "Europe/Berlin")]
    [InlineData(CostGrouping.Month, "Pacific/Chatham")]
    [InlineData(CostGrouping.Month, "UTC")]
    public async Task ReportAsync_AnyGroupingZoneAndWindow_EqualsTheDomainsReportOfTheSameSessions(CostGrouping grouping, string zone)
    {
        var sessions = RandomSessions(seed: (int)grouping + zone.Length, count: 300);
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        await Sink.UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None);
        var tracker = new CostTracker(Sink);
        var windows = new (DateTimeOffset? Since, DateTimeOffset? Until)[]
        {
            (null, null),
            (Noon.AddDays(-20), null),
            (null, Noon.AddDays(-3).AddTicks(7)),
            (Noon.AddDays(-40).AddTicks(3), Noon.AddDays(10)),
            (Noon.AddYears(5), null),
        };

        foreach (var (since, until) in windows)
        {
            var query = new CostReportQuery { GroupBy = grouping, Since = since, Until = until, TimeZone = timeZone };

            var report = await tracker.ReportAsync(query);

            AssertSameReport(CostReport.Create(sessions, query), report);
        }
    }

    [Fact]
    public async Task ReportAsync_ZoneOnlyThisProcessKnows_EqualsTheDomainsReport()
    {
        var sessions = RandomSessions(seed: 7, count: 120);
        await Sink.UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None);
        var query = new CostReportQuery
        {
            GroupBy = CostGrouping.Day,
            TimeZone = TimeZoneInfo.CreateCustomTimeZone("omk-test/plus-0545", TimeSpan.FromMinutes(345), "omk test", "omk test"),
        };

        var report = await new CostTracker(Sink).ReportAsync(query);

        AssertSameReport(CostReport.Create(sessions, query), report);
    }

    [Fact]
    public async Task ReportAsync_TokensBeyondSixtyFourBits_SaturateAsTheDomainDoes()
    {
        SessionCost[] sessions =
        [
            Session("a") with { Id = "1", Estimate = new CostEstimate(ulong.MaxValue, 1, 0, 1, 1m, PricingTier.Standard) },
            Session("b") with { Id = "2", Estimate = new CostEstimate(ulong.MaxValue, 1, 0, 1, 2m, PricingTier.Standard) },
        ];
        await Sink.UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None);

        var report = await new CostTracker(Sink).ReportAsync();

        Assert.Equal(ulong.MaxValue, report.InputTokens);
        Assert.Equal(2UL, report.OutputTokens);
        AssertSameReport(CostReport.Create(sessions), report);
    }

    [Fact]
    public async Task ReportAsync_EmptyStore_SaysNoCostData()
    {
        var report = await new CostTracker(Sink).ReportAsync();

        Assert.Equal(0, report.Sessions);
        Assert.Equal("No cost data recorded yet.", report.ToString());
    }

    /// <summary>A session with every field set, started at noon on 2026-11-20.</summary>
    protected static SessionCost Session(string name, string type = "team") => new()
    {
        SessionType = type,
        Name = name,
        StartedAt = Noon,
        EndedAt = Noon.AddMinutes(30),
        Estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard),
        ActualUsd = 0.25m,
    };

    /// <summary>Sessions over three months with random types, names, tokens, costs and starts, each with an id.</summary>
    protected static SessionCost[] RandomSessions(int seed, int count)
    {
        var random = new Random(seed);
        string[] types = ["team", "autopilot", "ralph", "kimi", "Team"];
        return [.. Enumerable.Range(0, count).Select(n =>
        {
            var started = Noon.AddDays(-random.Next(0, 90)).AddSeconds(random.Next(-43_200, 43_200)).AddTicks(random.Next(0, 10));
            return new SessionCost
            {
                Id = $"s{n}",
                SessionType = types[random.Next(types.Length)],
                Name = $"n{random.Next(0, 12)}",
                StartedAt = started,
                EndedAt = random.Next(4) == 0 ? null : started.AddMinutes(random.Next(1, 600)),
                Estimate = new CostEstimate(
                    (ulong)random.NextInt64(0, 5_000_000),
                    (ulong)random.NextInt64(0, 1_000_000),
                    (ulong)random.Next(0, 36_000),
                    (ulong)random.Next(1, 8),
                    Math.Round((decimal)random.NextDouble() * 10m, random.Next(0, 10)),
                    (PricingTier)random.Next(0, 3)),
                ActualUsd = random.Next(3) == 0 ? Math.Round((decimal)random.NextDouble() * 5m, 6) : null,
            };
        })];
    }

    private async Task<List<SessionCost>> ReadAllAsync()
    {
        var sessions = new List<SessionCost>();
        await foreach (var session in Sink.ReadAllAsync(CancellationToken.None))
        {
            sessions.Add(session);
        }

        return sessions;
    }

    private static void AssertSameSessions(IReadOnlyList<SessionCost> expected, IReadOnlyList<SessionCost> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var index = 0; index < expected.Count; index++)
        {
            AssertSameSession(expected[index], actual[index]);
        }
    }

    private static void AssertSameSession(SessionCost expected, SessionCost actual)
    {
        if (expected.Id is not null)
        {
            Assert.Equal(expected.Id, actual.Id);
        }

        Assert.Equal(expected with { Id = actual.Id }, actual);
    }

    private static void AssertSameReport(CostReport expected, CostReport actual)
    {
        Assert.Equal(expected.GroupBy, actual.GroupBy);
        Assert.Equal(expected.Sessions, actual.Sessions);
        Assert.Equal(expected.InputTokens, actual.InputTokens);
        Assert.Equal(expected.OutputTokens, actual.OutputTokens);
        Assert.Equal(expected.TotalEstimatedUsd, actual.TotalEstimatedUsd);
        Assert.Equal(expected.TotalActualUsd, actual.TotalActualUsd);
        Assert.Equal(expected.TotalSpentUsd, actual.TotalSpentUsd);
        Assert.Equal(expected.Groups, actual.Groups);
        Assert.Equal(expected.ToString(), actual.ToString());
    }
}
