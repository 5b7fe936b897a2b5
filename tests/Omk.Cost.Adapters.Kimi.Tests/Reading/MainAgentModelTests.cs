using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>A session's model column is its main agent's model, however many tokens its subagents used.</summary>
public sealed class MainAgentModelTests
{
    [Fact]
    public void Report_BySession_KimiCliSubagentOnAnotherModelUsedMoreTokens_ModelIsTheMainAgents()
    {
        var tree = new KimiTree();
        tree.Config("""
            default_model = "main"

            [models.main]
            provider = "moonshot"
            model = "kimi-k2.6"

            [models.cheap]
            provider = "moonshot"
            model = "kimi-k2.5"
            """);
        var folder = KimiTree.Md5("/work/alpha");
        var t0 = Wire.Seconds(new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));
        tree.CliSession(folder, "s1", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t0, 100, 10, 0, 0, "m1"),
            Wire.Subagent(t0 + 2, "a1b2c3", Wire.StatusEvent(90_000, 900, 0, 0, "s1"))));
        tree.CliSubagent(folder, "s1", "a1b2c3", Wire.Lines(Wire.Metadata, Wire.Status(t0 + 1.9m, 90_000, 900, 0, 0, "s1")));
        tree.File($"{tree.CliSessionDir(folder, "s1")}/subagents/a1b2c3/meta.json", """{"agent_id": "a1b2c3", "subagent_type": "coder", "launch_spec": {"effective_model": "cheap", "model_override": null}}""");

        var group = Assert.Single(new KimiUsageReader(tree.FileSystem, tree.Options).Read().Report(new UsageQuery { GroupBy = UsageGrouping.Session }).Groups);

        Assert.Equal(("kimi-k2.6", 1), (group.Session!.Model, group.Session.OtherModels));
    }

    [Fact]
    public void Report_BySession_KimiCodeSubagentOnAnotherModelUsedMoreTokens_ModelIsTheMainAgents()
    {
        var tree = new KimiTree();
        var ms = Wire.Milliseconds(new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "main", Wire.Lines(Wire.UsageRecord(ms, "kimi-k2.6", 100, 10, 0, 0)));
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "sub-1", Wire.Lines(Wire.UsageRecord(ms + 5, "kimi-k2.5", 90_000, 900, 0, 0)));

        var group = Assert.Single(new KimiUsageReader(tree.FileSystem, tree.Options).Read().Report(new UsageQuery { GroupBy = UsageGrouping.Session }).Groups);

        Assert.Equal(("kimi-k2.6", 1), (group.Session!.Model, group.Session.OtherModels));
    }
}
