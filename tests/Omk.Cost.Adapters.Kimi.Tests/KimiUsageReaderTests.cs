using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests;

public sealed class KimiUsageReaderTests
{
    [Fact]
    public void Read_Scenario_CountsEachSessionWithCallsOnceAndSubagentsAsPartOfParent()
    {
        var result = Read(KimiScenario.Build());

        Assert.Equal(["ses_1", "ses_2", "sess-a", "sess-b", "sess-c", "sess-d"], result.Sessions.Select(s => s.SessionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_Scenario_TotalTokensMatchIndependentSums()
    {
        var report = Read(KimiScenario.Build()).Report();

        // A: a1 + a2 + s1 (once) + s2; B: two calls + the subagent's two id-less calls once; C: c1; D: d1;
        // ses_1: two turn records, the session-scoped record (a request outside a turn) and the subagent's record;
        // ses_2: one record.
        var expected = new TokenUsage(
            InputOther: 100 + 200 + 50 + 7 + (1000 + 1000 + 10 + 10) + 300 + 1 + (1000 + 2000 + 3000 + 40) + 500,
            CacheRead: 1000 + 2000 + 500 + 10000 + 20000 + 30000,
            CacheCreation: 20 + 5,
            Output: 10 + 20 + 5 + 3 + (100 + 100 + 1 + 1) + 30 + 1 + (100 + 200 + 300 + 4) + 50);
        Assert.Equal((6L, expected), (report.Total.Sessions, report.Total.Usage));
    }

    [Fact]
    public void Read_Scenario_PricedPartMatchesTableRates()
    {
        var report = Read(KimiScenario.Build()).Report();

        // Kimi CLI at kimi-k2.6 (config.toml): sessions A, B, C and D.
        const int CliInputOther = 357 + 2020 + 300 + 1;
        const int CliOutput = 38 + 202 + 30 + 1;
        var cli = ((CliInputOther * 0.95m) + (3500 * 0.16m) + (20 * 0.95m) + (CliOutput * 4.00m)) / 1_000_000m;

        // kimi-for-coding: as kimi-k2.5 one second before the switch, as kimi-k2.6 at it and one second after it
        // (the session-scoped record); ses_2 at kimi-k2.5.
        var beforeSwitch = ((1000 * 0.60m) + (10000 * 0.10m) + (100 * 3.00m)) / 1_000_000m;
        var atSwitch = ((2000 * 0.95m) + (20000 * 0.16m) + (200 * 4.00m) + (3000 * 0.95m) + (30000 * 0.16m) + (300 * 4.00m)) / 1_000_000m;
        var k25 = ((500 * 0.60m) + (5 * 0.60m) + (50 * 3.00m)) / 1_000_000m;
        Assert.Equal(cli + beforeSwitch + atSwitch + k25, report.Total.PricedCostUsd);
    }

    [Fact]
    public void Read_ModelWithoutPrice_CostIsNullAndModelListedWithTokens()
    {
        var report = Read(KimiScenario.Build()).Report();

        Assert.Null(report.Total.CostUsd);
        Assert.Equal([new UnpricedModel("mystery-model", 44)], report.Total.Unpriced);
    }

    [Fact]
    public void Read_SubagentLoggedTwice_CountsEachCallOnce()
    {
        var session = Session(Read(KimiScenario.Build()), "sess-a");

        Assert.Equal(new TokenUsage(357, 3500, 20, 38), session.Usage);
    }

    [Fact]
    public void Read_IdlessSubagentCallsLoggedTwice_CountsThemOnce()
    {
        var session = Session(Read(KimiScenario.Build()), "sess-b");

        Assert.Equal(new TokenUsage(2020, 0, 0, 202), session.Usage);
    }

    [Fact]
    public void Read_TruncatedLastLine_WarnsOnceForTheFile()
    {
        var warning = Assert.Single(Read(KimiScenario.Build()).Warnings, w => w.Path == KimiScenario.TruncatedFile);

        Assert.Contains("1 truncated last line", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedLines_WarnsOnceWithEachReasonCounted()
    {
        var warning = Assert.Single(Read(KimiScenario.Build()).Warnings, w => w.Path == KimiScenario.MalformedFile);

        Assert.Equal(
            "skipped 3 of 4 lines (1 negative, fractional or absurd token counts, 1 not valid JSON, 1 unknown event type), the first at line 2",
            warning.Message);
    }

    [Fact]
    public void Read_Scenario_WarnsOnlyAboutTheTwoDamagedFiles()
    {
        Assert.Equal(2, Read(KimiScenario.Build()).Warnings.Count);
    }

    [Theory]
    [InlineData("sess-a", KimiScenario.Alpha)]
    [InlineData("sess-b", KimiScenario.Beta)]
    [InlineData("sess-c", KimiScenario.Gamma)]
    [InlineData("sess-d", "deadbeef")]
    [InlineData("ses_1", "/work/delta")]
    [InlineData("ses_2", "/work/epsilon")]
    public void Read_Session_ResolvesProjectPath(string sessionId, string project)
    {
        Assert.Equal(project, Session(Read(KimiScenario.Build()), sessionId).Project);
    }

    [Theory]
    [InlineData("sess-a", "Fix login")]
    [InlineData("sess-b", "Old session")]
    [InlineData("sess-c", null)]
    [InlineData("ses_1", "Delta work")]
    public void Read_Session_TakesTitleFromStateOrMetadata(string sessionId, string? title)
    {
        Assert.Equal(title, Session(Read(KimiScenario.Build()), sessionId).Title);
    }

    [Fact]
    public void Read_Session_SpansFirstToLastTimestamp()
    {
        var session = Session(Read(KimiScenario.Build()), "sess-a");

        Assert.Equal((KimiScenario.T0, KimiScenario.T0.AddSeconds(5)), (session.StartedAt, session.EndedAt));
    }

    [Fact]
    public void Read_KimiCliSession_UsesConfigTomlModel()
    {
        Assert.All(Session(Read(KimiScenario.Build()), "sess-a").Calls, call => Assert.Equal("kimi-k2.6", call.Model));
    }

    [Fact]
    public void Read_ModelOverride_AppliesToKimiCliOnly()
    {
        var tree = KimiScenario.Build();
        var options = tree.Options;
        options.Model = "kimi-k2-turbo-preview";

        var result = new KimiUsageReader(tree.FileSystem, options).Read();

        Assert.Equal(
            ["kimi-for-coding", "kimi-k2-turbo-preview", "kimi-k2.5", "mystery-model"],
            result.Sessions.SelectMany(s => s.Calls).Select(c => c.Model).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_LegacyConfigJson_UsesItsModel()
    {
        var tree = new KimiTree();
        tree.File($"{KimiTree.CliRoot}/config.json", """{"model": "kimi-k2.5"}""");
        tree.CliSession("x", "s", Wire.Lines(Wire.Status(Wire.Seconds(KimiScenario.T0), 1, 1, 0, 0, "m")));

        Assert.Equal("kimi-k2.5", Read(tree).Sessions[0].Calls[0].Model);
    }

    [Fact]
    public void Read_NoModelConfigured_WarnsAndLeavesUsageUnpriced()
    {
        var tree = new KimiTree();
        tree.CliSession("x", "s", Wire.Lines(Wire.Status(Wire.Seconds(KimiScenario.T0), 1, 1, 0, 0, "m")));

        var result = Read(tree);

        Assert.Contains(result.Warnings, w => w.Message.Contains("--model", StringComparison.Ordinal));
        Assert.Equal("unknown", Assert.Single(result.Report().Total.Unpriced).Model);
    }

    [Fact]
    public void Read_NoKimiFolders_ReturnsNoSessionAndOneWarning()
    {
        var result = new KimiUsageReader(new System.IO.Abstractions.TestingHelpers.MockFileSystem(), new KimiUsageOptions { KimiCliRoot = "/nowhere/.kimi" }).Read();

        Assert.Empty(result.Sessions);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Read_PriceFileOverride_RepricesItsModel()
    {
        var tree = KimiScenario.Build();
        tree.File("/state/prices.json", """{"prices": [{"model": "mystery-model", "rates": {"cache_miss": 1000000, "output": 0}}]}""");
        var options = tree.Options;
        options.PricesFile = "/state/prices.json";

        var report = new KimiUsageReader(tree.FileSystem, options).Read().Report();

        Assert.Equal(report.Total.PricedCostUsd, report.Total.CostUsd);
        Assert.Empty(report.Total.Unpriced);
    }

    [Fact]
    public void Read_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new KimiUsageReader(KimiScenario.Build().FileSystem, KimiScenario.Build().Options).Read(cancellation.Token));
    }

    [Fact]
    public void Read_LiveSessionHalfWayThroughALine_NoWarningAndTheCompleteLinesCounted()
    {
        var tree = KimiTree.WithDefaultModel("kimi-k2.6");
        var t0 = Wire.Seconds(KimiScenario.T0);
        var next = Wire.Status(t0 + 2, 999, 999, 0, 0, "m2");
        var path = $"{tree.CliSessionDir(KimiScenario.AlphaFolder, "live")}/wire.jsonl";
        tree.File(path, Wire.Lines(Wire.Metadata, Wire.Status(t0 + 1, 100, 10, 0, 0, "m1")) + next[..(next.Length / 2)]);
        tree.FileSystem.File.SetLastWriteTimeUtc(path, DateTime.UtcNow);

        var result = Read(tree);

        Assert.Empty(result.Warnings);
        Assert.Equal(100UL, Assert.Single(Assert.Single(result.Sessions).Calls).Usage.InputOther);
    }

    [Fact]
    public void ToSessionCosts_Scenario_OneKimiRecordPerPricedSessionWithItsId()
    {
        var costs = Read(KimiScenario.Build()).ToSessionCosts();

        // Six sessions, less ses_1 with its unpriced mystery-model call.
        Assert.Equal(
            ["kimi:ses_2", "kimi:sess-a", "kimi:sess-b", "kimi:sess-c", "kimi:sess-d"],
            costs.Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToSessionCosts_SessionWithAnUnpricedModel_LeftOutAndNamedWithItsTokens()
    {
        var result = Read(KimiScenario.Build());

        Assert.DoesNotContain(result.ToSessionCosts(), c => c.Id == "kimi:ses_1");
        var skipped = Assert.Single(result.UnpricedSessions());
        Assert.Equal(("ses_1", new UnpricedModel("mystery-model", 44)), (skipped.SessionId, Assert.Single(skipped.Unpriced)));
    }

    [Fact]
    public void Report_ByProject_GroupsSessionsByResolvedPath()
    {
        var report = Read(KimiScenario.Build()).Report(new UsageQuery { GroupBy = UsageGrouping.Project });

        Assert.Equal(6, report.Groups.Count);
    }

    [Fact]
    public void FromEnvironment_KimiShareDirSet_UsesItForKimiCli()
    {
        var options = KimiUsageOptions.FromEnvironment(name => name == "KIMI_SHARE_DIR" ? "/data/kimi" : null, "/home/user");

        Assert.Equal(("/data/kimi", "/home/user/.kimi-code"), (options.KimiCliRoot, options.KimiCodeRoot));
    }

    [Fact]
    public void FromEnvironment_KimiShareDirUnset_UsesHomeDotKimi()
    {
        Assert.Equal("/home/user/.kimi", KimiUsageOptions.FromEnvironment(_ => null, "/home/user").KimiCliRoot);
    }

    private static KimiUsageResult Read(KimiTree tree) => new KimiUsageReader(tree.FileSystem, tree.Options).Read();

    private static SessionUsage Session(KimiUsageResult result, string id) => Assert.Single(result.Sessions, s => s.SessionId == id);
}
