using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
namespace Omk.Cost.Adapters.Kimi.Tests.Fixtures;

/// <summary>
/// A Kimi CLI tree and a Kimi Code tree with the cases that matter: subagents logged twice, null usage, several
/// work dirs (local, remote, unknown), calls without message ids, a truncated last line, malformed lines, a price
/// switch of kimi-for-coding, a session-scoped record, and a model with no price.
/// </summary>
internal static class KimiScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T1 = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset T2 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Switch = new(2026, 4, 20, 15, 28, 10, TimeSpan.Zero);

    public const string Alpha = "/work/alpha";
    public const string Beta = "/work/beta";
    public const string Gamma = "/srv/gamma";

    public static string AlphaFolder => KimiTree.Md5(Alpha);

    public static string BetaFolder => KimiTree.Md5(Beta);

    public static string GammaFolder => "ssh_" + KimiTree.Md5(Gamma);

    public static string TruncatedFile => $"{KimiTree.CliRoot}/sessions/{BetaFolder}/sess-b/wire.jsonl";

    public static string MalformedFile => $"{KimiTree.CliRoot}/sessions/{GammaFolder}/sess-c/wire.jsonl";

    public static KimiTree Build()
    {
        var tree = new KimiTree();
        tree.Config("""
            default_model = "main"

            [models.main]
            provider = "moonshot"
            model = "kimi-k2.6"
            """);
        tree.File($"{KimiTree.CliRoot}/kimi.json", $$"""
            {"work_dirs": [
              {"path": "{{Alpha}}", "kaos": "local", "last_session_id": "sess-a"},
              {"path": "{{Beta}}", "kaos": "local", "last_session_id": null},
              {"path": "{{Gamma}}", "kaos": "ssh", "last_session_id": null}
            ]}
            """);

        // Session A: a subagent whose calls appear wrapped in the parent's log and again in its own log.
        var t0 = Wire.Seconds(T0);
        tree.CliSession(AlphaFolder, "sess-a", Wire.Lines(
            Wire.Metadata,
            Wire.TurnBegin(t0),
            Wire.Status(t0 + 1, 100, 10, 1000, 0, "a1"),
            Wire.NullUsage(t0 + 2),
            Wire.Subagent(t0 + 3, "sub1", Wire.StatusEvent(50, 5, 500, 20, "s1")),
            Wire.Status(t0 + 4, 200, 20, 2000, 0, "a2")));
        tree.CliSubagent(AlphaFolder, "sess-a", "sub1", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t0 + 3, 50, 5, 500, 20, "s1"),
            Wire.Status(t0 + 5, 7, 3, 0, 0, "s2")));
        tree.File($"{tree.CliSessionDir(AlphaFolder, "sess-a")}/state.json", """{"title": "Fix login", "archived": false, "wire_mtime": 1.0}""");

        // Session B: an older session without message ids, a title in metadata.json and a truncated last line.
        var t1 = Wire.Seconds(T1);
        var truncated = Wire.Status(t1 + 9, 999, 999, 0, 0, null);
        tree.CliSession(BetaFolder, "sess-b", Wire.Lines(
            Wire.Status(t1, 1000, 100, 0, 0, null),
            Wire.Status(t1 + 1, 1000, 100, 0, 0, null),
            Wire.Subagent(t1 + 2, "sub2", Wire.StatusEvent(10, 1, 0, 0, null)),
            Wire.Subagent(t1 + 3, "sub2", Wire.StatusEvent(10, 1, 0, 0, null))) + truncated[..(truncated.Length / 2)]);
        // Nobody has written it for a day: Kimi died mid-line.
        tree.FileSystem.File.SetLastWriteTimeUtc(TruncatedFile, DateTime.UtcNow.AddDays(-1));
        tree.CliSubagent(BetaFolder, "sess-b", "sub2", Wire.Lines(
            Wire.Status(t1 + 2, 10, 1, 0, 0, null),
            Wire.Status(t1 + 3, 10, 1, 0, 0, null)));
        tree.File($"{tree.CliSessionDir(BetaFolder, "sess-b")}/metadata.json", """{"title": "Old session"}""");

        // Session C: a remote work dir, and three lines to skip.
        var t2 = Wire.Seconds(T2);
        tree.CliSession(GammaFolder, "sess-c", Wire.Lines(
            Wire.Status(t2, 300, 30, 0, 0, "c1"),
            "not json at all",
            Wire.Line(t2 + 1, """{"type": "FutureEvent", "payload": {}}"""),
            Wire.Status(t2 + 2, 5, 5, 5, 5, "c2").Replace("\"output\": 5", "\"output\": -5", StringComparison.Ordinal)));

        // Session D: a work dir that kimi.json does not list.
        tree.CliSession("deadbeef", "sess-d", Wire.Lines(Wire.Status(t2 + 10, 1, 1, 0, 0, "d1")));

        // Session E: no model call at all.
        tree.CliSession(AlphaFolder, "sess-e", Wire.Lines(Wire.TurnBegin(t2), Wire.NullUsage(t2 + 1)));

        // Kimi Code: a workspace in workspaces.json, another only in session_index.jsonl.
        tree.File($"{KimiTree.CodeRoot}/workspaces.json", """{"version": 1, "workspaces": {"wd_delta_1a2b": {"root": "/work/delta", "name": "delta"}}}""");
        tree.File($"{KimiTree.CodeRoot}/session_index.jsonl", """{"sessionId": "ses_2", "sessionDir": "/home/user/.kimi-code/sessions/wd_other_9z/ses_2", "workDir": "/work/epsilon"}""" + "\n");
        tree.File($"{KimiTree.CodeRoot}/sessions/wd_delta_1a2b/ses_1/state.json", """{"title": "Delta work"}""");
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "main", Wire.Lines(
            Wire.CodeEvent(Wire.Milliseconds(Switch.AddMinutes(-1)), "turn.prompt"),
            Wire.UsageRecord(Wire.Milliseconds(Switch.AddSeconds(-1)), "kimi-code/kimi-for-coding", 1000, 100, 10000, 0),
            Wire.UsageRecord(Wire.Milliseconds(Switch), "kimi-code/kimi-for-coding", 2000, 200, 20000, 0),
            Wire.UsageRecord(Wire.Milliseconds(Switch.AddSeconds(1)), "kimi-code/kimi-for-coding", 3000, 300, 30000, 0, scope: "session")));
        tree.CodeAgent("wd_delta_1a2b", "ses_1", "sub-1", Wire.Lines(
            Wire.UsageRecord(Wire.Milliseconds(Switch.AddMinutes(2)), "mystery-model", 40, 4, 0, 0)));
        tree.CodeAgent("wd_other_9z", "ses_2", "main", Wire.Lines(
            Wire.UsageRecord(Wire.Milliseconds(T2.AddDays(1)), "kimi-k2.5", 500, 50, 0, 5)));
        return tree;
    }
}
