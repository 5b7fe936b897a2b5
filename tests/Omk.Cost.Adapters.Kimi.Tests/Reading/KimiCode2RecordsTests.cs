using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// Kimi Code 2.x (<c>@moonshot-ai/kimi-code</c> 2.1.0, agent-core-v2): the durable records it adds, in the shapes of
/// their schemas in the package's <c>dist/main.mjs</c> (<c>{type, ...payload, time}</c>), read without a warning; and
/// retried requests, Kimi Code's <c>turn.step.retrying</c> and Kimi CLI's <c>StepRetry</c>, counted per session and
/// never as priced calls.
/// </summary>
public sealed class KimiCode2RecordsTests
{
    private const long Ms = 1_795_000_000_000;

    /// <summary>The seven record types of Kimi Code 2.x, one line each, as its <c>AgentEvent</c> schemas shape them.</summary>
    public static readonly TheoryData<string> Records = new()
    {
        $$$"""{"type":"file_history.tracked","agentId":"main","turnId":1,"path":"/work/delta/src/a.ts","entry":{"key":"9f2c","version":1,"contentHash":"sha256:ab12","size":120,"mtimeMs":{{{Ms - 10}}}},"time":{{{Ms + 1}}}}""",
        $$$"""{"type":"file_history.checkpoint","agentId":"main","turnId":1,"phase":"start","entries":{"/work/delta/src/a.ts":{"key":null,"version":0}},"time":{{{Ms + 2}}}}""",
        $$$"""{"type":"prompt.completed","agentId":"main","promptId":"p_1","finishedAt":"2026-11-18T09:00:03.000Z","reason":"completed","time":{{{Ms + 3}}}}""",
        $$$"""{"type":"prompt.aborted","agentId":"main","promptId":"p_2","abortedAt":"2026-11-18T09:00:04.000Z","time":{{{Ms + 4}}}}""",
        $$$"""{"type":"prompt.steered","agentId":"main","activePromptId":"p_3","promptIds":["p_4"],"content":[{"type":"text","text":"also fix the tests"}],"steeredAt":"2026-11-18T09:00:05.000Z","time":{{{Ms + 5}}}}""",
        $$$"""{"type":"turn.step.interrupted","agentId":"main","turnId":3,"step":2,"stepId":"s_2","reason":"user_cancelled","time":{{{Ms + 6}}}}""",
        $$$"""{"type":"turn.step.retrying","agentId":"main","turnId":3,"step":2,"stepId":"s_2","failedAttempt":1,"nextAttempt":2,"maxAttempts":10,"delayMs":1000,"errorName":"APIStatusError","errorMessage":"429 Too Many Requests","statusCode":429,"time":{{{Ms + 7}}}}""",
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Read_KimiCode2Record_IsNoWarning(string record)
    {
        var tree = new KimiTree();
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "main", Wire.Lines(record, Wire.UsageRecord(Ms + 10, "kimi-k2.6", 100, 10, 0, 0)));

        Assert.Empty(Read(tree).Warnings);
    }

    [Fact]
    public void Read_KimiCodeRetryingRecords_CountedPerSessionNeverPriced()
    {
        var tree = new KimiTree();
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "main", Wire.Lines([.. Records, Wire.UsageRecord(Ms + 10, "kimi-k2.6", 1_000_000, 0, 0, 0)]));
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "sub-1", Wire.Lines(
            $$$"""{"type":"turn.step.retrying","agentId":"sub-1","turnId":1,"step":1,"failedAttempt":1,"nextAttempt":2,"maxAttempts":10,"delayMs":500,"errorName":"APITimeoutError","errorMessage":"timed out","time":{{{Ms + 8}}}}""",
            Wire.UsageRecord(Ms + 11, "kimi-k2.6", 1, 1, 0, 0)));

        var result = Read(tree);

        Assert.Equal(2, Assert.Single(result.Sessions).Retries);
        var total = result.Report().Total;
        Assert.Equal((2L, 0.95m + 0.00000495m), (total.Retries, total.PricedCostUsd));
    }

    [Fact]
    public void Read_KimiCliStepRetry_CountedOnceThoughTheParentWrapsTheSubagentsRetry()
    {
        var tree = KimiTree.WithDefaultModel("kimi-k2.6");
        var folder = KimiTree.Md5("/work/alpha");
        var t0 = Wire.Seconds(new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));
        const string Retry = """{"type": "StepRetry", "payload": {"n": 2, "next_attempt": 2, "max_attempts": 3, "wait_s": 1.5, "error_type": "APIStatusError", "status_code": 429}}""";
        tree.CliSession(folder, "s1", Wire.Lines(
            Wire.Metadata,
            Wire.Line(t0, Retry),
            Wire.Status(t0 + 2, 100, 10, 0, 0, "m1"),
            Wire.Subagent(t0 + 4, "a1b2c3", Retry),
            Wire.Subagent(t0 + 5, "a1b2c3", Wire.StatusEvent(50, 5, 0, 0, "s1"))));
        tree.CliSubagent(folder, "s1", "a1b2c3", Wire.Lines(Wire.Metadata, Wire.Line(t0 + 3.9m, Retry), Wire.Status(t0 + 4.9m, 50, 5, 0, 0, "s1")));

        var result = Read(tree);

        Assert.Equal((2, 2), (Assert.Single(result.Sessions).Retries, Assert.Single(result.Sessions).Calls.Count));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Read_ForkCopiesItsSourcesRetry_CountedOnceInTheSource()
    {
        var tree = KimiTree.WithDefaultModel("kimi-k2.6");
        var folder = KimiTree.Md5("/work/alpha");
        var t0 = Wire.Seconds(new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));
        string[] copied = [Wire.Metadata, Wire.Status(t0, 1, 1, 0, 0, "m1"), Wire.Line(t0 + 1, """{"type": "StepRetry", "payload": {"n": 2, "next_attempt": 2, "max_attempts": 3, "wait_s": 1.0, "error_type": "APIConnectionError", "status_code": null}}""")];
        tree.CliSession(folder, "source", Wire.Lines(copied));
        tree.CliSession(folder, "fork", Wire.Lines([.. copied, Wire.Status(t0 + 9, 2, 2, 0, 0, "f1")]));
        tree.File($"{tree.CliSessionDir(folder, "fork")}/state.json", """{"title": "Fork: work", "archived": false}""");

        var sessions = Read(tree).Sessions;

        Assert.Equal((1, 0), (sessions.Single(s => s.SessionId == "source").Retries, sessions.Single(s => s.SessionId == "fork").Retries));
    }

    private static KimiUsageResult Read(KimiTree tree) => new KimiUsageReader(tree.FileSystem, tree.Options).Read();
}
