using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// A Kimi CLI session started with <c>kimi --model X</c> is priced at X, which only Kimi CLI's own log
/// (<c>logs/kimi.log</c>) names; a session nothing names a model for is marked as priced at the configured model.
/// </summary>
public sealed class LaunchModelTests
{
    private const string Folder = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static readonly DateTimeOffset T0 = new(2026, 11, 18, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_SessionStartedWithModelOption_PricedAtTheModelKimiLogNames()
    {
        var tree = Tree();
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(
            Created(T0.AddSeconds(-5), "s1"),
            ModelLine(T0.AddSeconds(-4), "kimi-k2.5"),
            Created(T0.AddSeconds(-3), "s2"),
            ModelLine(T0.AddSeconds(-2), "kimi-k2.6")));

        var sessions = Read(tree);

        Assert.Equal(["kimi-k2.5"], sessions["s1"].Calls.Select(static c => c.Model).Distinct());
        Assert.Equal(SessionModelSource.LaunchLog, sessions["s1"].ModelSource);
        Assert.Equal(["kimi-k2.6"], sessions["s2"].Calls.Select(static c => c.Model).Distinct());
    }

    [Fact]
    public void Read_NoKimiLog_PricedAtConfigAndMarkedAssumed()
    {
        var tree = Tree();

        var sessions = Read(tree);

        Assert.Equal("kimi-k2.6", sessions["s1"].Calls[0].Model);
        Assert.Equal(SessionModelSource.AssumedFromConfig, sessions["s1"].ModelSource);
    }

    [Fact]
    public void Report_BySession_SaysWhereEachModelComesFrom()
    {
        var tree = Tree();
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(Created(T0.AddSeconds(-5), "s1"), ModelLine(T0.AddSeconds(-4), "kimi-k2.5")));
        var result = new KimiUsageReader(tree.FileSystem, tree.Options, Clock(TimeZoneInfo.Utc)).Read();

        var sources = result.Report(new UsageQuery { GroupBy = UsageGrouping.Session }).Groups
            .ToDictionary(static g => g.Key, static g => g.Session!.ModelSource);
        Assert.Equal(SessionModelSource.LaunchLog, sources["s1"]);
        Assert.Equal(SessionModelSource.AssumedFromConfig, sources["s2"]);
    }

    [Fact]
    public void Read_ModelOptionGiven_WinsOverKimiLog()
    {
        var tree = Tree();
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(Created(T0.AddSeconds(-5), "s1"), ModelLine(T0.AddSeconds(-4), "kimi-k2.5")));
        var options = tree.Options;
        options.Model = "kimi-k2-turbo-preview";

        var session = new KimiUsageReader(tree.FileSystem, options, Clock(TimeZoneInfo.Utc)).Read().Sessions.Single(static s => s.SessionId == "s1");

        Assert.Equal(("kimi-k2-turbo-preview", SessionModelSource.Option), (session.Calls[0].Model, session.ModelSource));
    }

    [Fact]
    public void Read_OlderFormatWithoutSessionColumnAndRotatedFile_StillRead()
    {
        var tree = Tree();
        // Before April 2026 lines had no session column: "time | LEVEL | module:function:line - message".
        tree.File($"{KimiTree.CliRoot}/logs/kimi.2026-11-18_06-00-00_123456.log", string.Join('\n',
            $"{Local(T0.AddSeconds(-5))} | INFO     | kimi_cli.cli:_run:402 - Created new session: s1",
            $"{Local(T0.AddSeconds(-4))} | INFO     | kimi_cli.app:create:190 - Using LLM model: provider='moonshot' model='kimi-k2.5' max_context_size=262144 capabilities=None") + "\n");
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(Created(T0.AddSeconds(-3), "s2"), ModelLine(T0.AddSeconds(-2), "kimi-k2-turbo-preview")));

        var sessions = Read(tree);

        Assert.Equal("kimi-k2.5", sessions["s1"].Calls[0].Model);
        Assert.Equal("kimi-k2-turbo-preview", sessions["s2"].Calls[0].Model);
    }

    [Fact]
    public void Read_LinesOfTwoProcessesInterleaved_SessionColumnDecides()
    {
        var tree = Tree();
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(
            Created(T0.AddSeconds(-6), "s1"),
            Created(T0.AddSeconds(-5), "s2"),
            ModelLine(T0.AddSeconds(-4), "kimi-k2.5", sid: "s1"),
            ModelLine(T0.AddSeconds(-3), "kimi-k2-turbo-preview", sid: "s2")));

        var sessions = Read(tree);

        Assert.Equal("kimi-k2.5", sessions["s1"].Calls[0].Model);
        Assert.Equal("kimi-k2-turbo-preview", sessions["s2"].Calls[0].Model);
    }

    [Fact]
    public void Read_SessionResumedWithAnotherModel_LaterCallsAtTheNewModel()
    {
        var tree = Tree(calls: 2, secondCallAfter: 3600);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        tree.File($"{KimiTree.CliRoot}/logs/kimi.log", Log(
            tokyo,
            Created(T0.AddSeconds(-5), "s1"),
            ModelLine(T0.AddSeconds(-4), "kimi-k2.5"),
            Resumed(T0.AddMinutes(30), "s1"),
            ModelLine(T0.AddMinutes(30).AddSeconds(1), "kimi-k2.6")));

        var session = new KimiUsageReader(tree.FileSystem, tree.Options, Clock(tokyo)).Read().Sessions.Single(static s => s.SessionId == "s1");

        Assert.Equal(["kimi-k2.5", "kimi-k2.6"], session.Calls.Select(static c => c.Model));
    }

    [Theory]
    [InlineData("2026-11-18 09:00:00.000 | INFO     | kimi_cli.app:create:252 |  - Using LLM model: provider='x' model=\"it's\" max_context_size=1", "it's")]
    [InlineData("2026-11-18 09:00:00.000 | INFO     | kimi_cli.app:create:252 | s9 - Using LLM model: provider='x' model='m' display_name='model=y'", "m")]
    public void ReadLine_ModelSettings_ModelTakenFromItsField(string line, string model)
    {
        string? current = "s9";

        var found = KimiCliLaunchLog.ReadLine(line, TimeZoneInfo.Utc, ref current);

        Assert.Equal(("s9", model), (found!.Value.Session, found.Value.Launch.Model));
    }

    private static KimiTree Tree(int calls = 1, int secondCallAfter = 60)
    {
        var tree = KimiTree.WithDefaultModel("kimi-k2.6");
        var t0 = Wire.Seconds(T0);
        var lines = new List<string> { Wire.Metadata, Wire.Status(t0, 1000, 100, 0, 0, "a1") };
        if (calls > 1)
        {
            lines.Add(Wire.Status(t0 + secondCallAfter, 1000, 100, 0, 0, "a2"));
        }

        tree.CliSession(Folder, "s1", Wire.Lines([.. lines]));
        tree.CliSession(Folder, "s2", Wire.Lines(Wire.Metadata, Wire.Status(t0 + 1, 2000, 200, 0, 0, "b1")));
        return tree;
    }

    private static Dictionary<string, SessionUsage> Read(KimiTree tree) =>
        new KimiUsageReader(tree.FileSystem, tree.Options, Clock(TimeZoneInfo.Utc)).Read().Sessions.ToDictionary(static s => s.SessionId);

    private static FakeTimeProvider Clock(TimeZoneInfo zone)
    {
        var clock = new FakeTimeProvider(T0.AddHours(1));
        clock.SetLocalTimeZone(zone);
        return clock;
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private static Func<TimeZoneInfo, string> Created(DateTimeOffset at, string id) =>
        zone => $"{Local(at, zone)} | INFO     | kimi_cli.cli:_run:583 |  - Created new session: {id}";

    private static Func<TimeZoneInfo, string> Resumed(DateTimeOffset at, string id) =>
        zone => $"{Local(at, zone)} | INFO     | kimi_cli.cli:_run:566 |  - Resuming session: {id}";

    private static Func<TimeZoneInfo, string> ModelLine(DateTimeOffset at, string model, string sid = "") =>
        zone => $"{Local(at, zone)} | INFO     | kimi_cli.app:create:252 | {sid} - Using LLM model: provider='moonshot' model='{model}' max_context_size=262144 capabilities={{'thinking'}} display_name=None";

    private static string Log(params Func<TimeZoneInfo, string>[] lines) => Log(TimeZoneInfo.Utc, lines);

    private static string Log(TimeZoneInfo zone, params Func<TimeZoneInfo, string>[] lines) =>
        string.Join('\n', lines.Select(line => line(zone))) + "\n";
}
