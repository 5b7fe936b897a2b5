using System.Globalization;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;

namespace Omk.Cost.Adapters.Kimi.Tests.RealShape;

/// <summary>
/// A Kimi CLI home and a Kimi Code home shaped as Kimi's own writers shape them (docs/kimi-logs.md): a session with
/// a subagent (wrapped in the parent's log and in its own, with a <c>meta.json</c> model), a <c>/fork</c> with own
/// calls, an <c>/undo</c> without, a fork of the fork, every message type of the protocol; a Kimi Code session with
/// <c>step.end</c> loop events, a full compaction (<c>usageScope: "session"</c>), <c>llm.request</c> records and an
/// unpriced alias, its fork and a fork of that fork; a <c>config.toml</c> with quoted keys and inline tables in each.
/// </summary>
/// <remarks>
/// The constants below are the token counts written into the lines, so that the tests can add them up by hand.
/// </remarks>
internal static class RealShapeTree
{
    public const string ShareRoot = "/home/user/.kimi";
    public const string CodeHome = "/opt/kimi-code-home";
    public const string DefaultCodeHome = "/home/user/.kimi-code";
    public const string Project = "/work/app";
    public const string Source = "0c7d1a3e-1111-4f00-9a00-000000000001";
    public const string Fork = "0c7d1a3e-2222-4f00-9a00-000000000002";
    public const string Undo = "0c7d1a3e-3333-4f00-9a00-000000000003";
    public const string ForkOfFork = "0c7d1a3e-4444-4f00-9a00-000000000004";
    public const string CodeSource = "ses_source";
    public const string CodeFork = "ses_fork";
    public const string CodeForkOfFork = "ses_fork2";

    /// <summary>Every message type of Kimi CLI's wire protocol 1.1 to 1.10 that carries no usage (src/kimi_cli/wire/types.py).</summary>
    public static readonly string[] CliEventTypes =
    [
        "TurnBegin", "SteerInput", "TurnEnd", "StepBegin", "StepInterrupted", "StepRetry", "HookTriggered", "HookResolved",
        "CompactionBegin", "CompactionEnd", "MCPLoadingBegin", "MCPLoadingEnd", "Notification", "ContentPart", "ToolCall",
        "ToolCallPart", "ToolResult", "ApprovalResponse", "ApprovalRequestResolved", "PlanDisplay", "BtwBegin", "BtwEnd",
        "ApprovalRequest", "ToolCallRequest", "QuestionRequest", "HookRequest",
    ];

    /// <summary>Every record type of Kimi Code's agent-core (agent/records/types.ts) and agent-core-v2 (docs/wire-manifest.d.ts).</summary>
    public static readonly string[] CodeRecordTypes =
    [
        "turn.prompt", "turn.steer", "turn.cancel", "turn.ended", "config.update", "profile.bind", "tools.reset_active_tools",
        "permission.set_mode", "permission.record_approval_result", "full_compaction.begin", "full_compaction.cancel",
        "full_compaction.complete", "micro_compaction.apply", "plan_mode.enter", "plan_mode.cancel", "plan_mode.exit",
        "plan.revision", "swarm_mode.enter", "swarm_mode.exit", "tower_mode.enter", "tower_mode.exit",
        "tools.register_user_tool", "tools.unregister_user_tool", "tools.set_active_tools", "tools.update_store",
        "context.append_message", "context.append_loop_event", "context.update_token_count", "context.clear",
        "context.apply_compaction", "context.undo", "goal.create", "goal.update", "goal.clear", "llm.tools_snapshot",
        "mcp.tools_discovered", "cron.add", "cron.cursor", "cron.delete", "interaction.request", "interaction.resolved",
        "interruptionReminder.recorded", "plugin.session_start", "prompt.accepted", "runtime.set_binding",
        "staleGuard.cleared", "staleGuard.recorded", "task.started", "task.terminated", "task.waitDelivered",
        "token_counting.measured", "token_counting.rebased", "token_counting.truncated", "token_counting.turn_recorded",
    ];

    public static readonly DateTimeOffset Start = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    public static string WorkDirFolder => KimiTree.Md5(Project);

    /// <summary>Lays the two homes out, plus a decoy session in ~/.kimi-code that KIMI_CODE_HOME must hide.</summary>
    public static KimiTree Build()
    {
        var tree = new KimiTree();
        WriteKimiCli(tree);
        WriteKimiCode(tree);
        tree.CodeAgentAt(DefaultCodeHome, "wd_decoy", "ses_decoy", "main", Wire.Lines(
            CodeMetadata(Start), Wire.UsageRecord(Wire.Milliseconds(Start), "kimi-k2.5", 999_999, 999_999, 0, 0)));
        return tree;
    }

    private static void WriteKimiCli(KimiTree tree)
    {
        tree.File($"{ShareRoot}/config.toml", """
            default_model = "kimi-code/kimi-for-coding"

            [providers."managed:kimi-code"]
            type = "kimi"
            base_url = "https://api.kimi.com/coding/v1"
            custom_headers = { "X-Test" = "1" }

            [models]
            fast = { provider = "moonshot", model = "kimi-k2-turbo-preview", max_context_size = 262144 }

            [models."kimi-code/kimi-for-coding"]
            provider = "managed:kimi-code"
            model = "kimi-for-coding"
            max_context_size = 262144
            capabilities = ["image_in", "thinking"]

            [loop_control]
            max_steps_per_turn = 100
            """);
        tree.File($"{ShareRoot}/kimi.json", $$"""{"work_dirs": [{"path": "{{Project}}", "kaos": "local", "last_session_id": "{{Source}}"}]}""");

        var t = Wire.Seconds(Start);
        List<string> firstTurn =
        [
            Wire.Metadata,
            Wire.TurnBegin(t + 0.001m),
            Event(t + 0.002m, "StepBegin", """{"n": 1}"""),
            Event(t + 0.003m, "ContentPart", """{"type": "think", "think": "…", "encrypted": null}"""),
            Wire.Status(t + 1.5m, Cli.M1.InputOther, Cli.M1.Output, Cli.M1.CacheRead, Cli.M1.CacheCreation, "chatcmpl-m1"),
            Event(t + 1.6m, "ToolCall", """{"type": "function", "id": "call-1", "function": {"name": "Agent", "arguments": "{}"}, "extras": null}"""),
            Wire.Subagent(t + 2.25m, "agent-1", Wire.StatusEvent(Cli.M2.InputOther, Cli.M2.Output, Cli.M2.CacheRead, Cli.M2.CacheCreation, "chatcmpl-m2")),
            Event(t + 3, "ToolResult", """{"tool_call_id": "call-1", "return_value": {"is_error": false, "output": "done", "message": "", "display": []}}"""),
            Wire.Status(t + 4.125m, Cli.M3.InputOther, Cli.M3.Output, Cli.M3.CacheRead, Cli.M3.CacheCreation, "chatcmpl-m3"),
            Event(t + 4.2m, "TurnEnd", "{}"),
        ];
        List<string> secondTurn =
        [
            Wire.TurnBegin(t + 100),
            .. CliEventTypes.Select((type, index) => Event(t + 100.01m + (index / 1000m), type, "{}")),
            Wire.Status(t + 101, Cli.M4.InputOther, Cli.M4.Output, Cli.M4.CacheRead, Cli.M4.CacheCreation, "chatcmpl-m4"),
            Wire.NullUsage(t + 102),
            Event(t + 102.5m, "TurnEnd", "{}"),
        ];

        var source = tree.CliSessionDir(WorkDirFolder, Source);
        tree.File($"{source}/wire.jsonl", Wire.Lines([.. firstTurn, .. secondTurn]));
        tree.File($"{source}/state.json", """{"version": 1, "custom_title": "Build feature", "title_generated": true, "archived": false, "wire_mtime": 1.0}""");
        tree.File($"{source}/subagents/agent-1/meta.json", """
            {"agent_id": "agent-1", "subagent_type": "coder", "status": "completed", "description": "d",
             "created_at": 1.0, "updated_at": 2.0, "last_task_id": null,
             "launch_spec": {"agent_id": "agent-1", "subagent_type": "coder", "model_override": null, "effective_model": "fast", "created_at": 1.0}}
            """);
        tree.File($"{source}/subagents/agent-1/wire.jsonl", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t + 2.25m, Cli.M2.InputOther, Cli.M2.Output, Cli.M2.CacheRead, Cli.M2.CacheCreation, "chatcmpl-m2"),
            Wire.Status(t + 2.5m, Cli.M5.InputOther, Cli.M5.Output, Cli.M5.CacheRead, Cli.M5.CacheCreation, "chatcmpl-m5")));

        // /fork after the first turn, then a call of its own; /undo of the same turn, with no call of its own.
        List<string> forkOwn =
        [
            Wire.TurnBegin(t + 500),
            Wire.Status(t + 501, Cli.F1.InputOther, Cli.F1.Output, Cli.F1.CacheRead, Cli.F1.CacheCreation, "chatcmpl-f1"),
            Event(t + 502, "TurnEnd", "{}"),
        ];
        var fork = tree.CliSessionDir(WorkDirFolder, Fork);
        tree.File($"{fork}/wire.jsonl", Wire.Lines([.. firstTurn, .. forkOwn]));
        tree.File($"{fork}/state.json", """{"version": 1, "custom_title": "Fork: Build feature", "title_generated": true, "archived": false}""");

        var undo = tree.CliSessionDir(WorkDirFolder, Undo);
        tree.File($"{undo}/wire.jsonl", Wire.Lines([.. firstTurn, Wire.TurnBegin(t + 600), Event(t + 600.5m, "StepInterrupted", "{}")]));
        tree.File($"{undo}/state.json", """{"version": 1, "custom_title": "Undo: Build feature", "archived": false}""");

        // A fork of the fork: the fork's whole log, then a call of its own.
        var forkOfFork = tree.CliSessionDir(WorkDirFolder, ForkOfFork);
        tree.File($"{forkOfFork}/wire.jsonl", Wire.Lines(
        [
            .. firstTurn, .. forkOwn, Wire.TurnBegin(t + 700),
            Wire.Status(t + 701, Cli.FF1.InputOther, Cli.FF1.Output, Cli.FF1.CacheRead, Cli.FF1.CacheCreation, "chatcmpl-ff1"),
        ]));
        tree.File($"{forkOfFork}/state.json", """{"version": 1, "custom_title": "Fork: Fork: Build feature", "archived": false}""");
    }

    private static void WriteKimiCode(KimiTree tree)
    {
        tree.File($"{CodeHome}/config.toml", """
            default_model = "kimi-code/kimi-for-coding"

            [models."kimi-code/kimi-for-coding"]
            provider = "managed:kimi-code"
            model = "kimi-for-coding"
            max_context_size = 262144

            [models."kimi-code/k9"]
            provider = "managed:kimi-code"
            model = "k9"
            max_context_size = 262144
            """);
        tree.File($"{CodeHome}/workspaces.json", "{\"version\": 1, \"workspaces\": {\"wd_app_1a2b\": {\"root\": \"" + Project + "\", \"name\": \"app\"}}}");

        var ms = Wire.Milliseconds(Start.AddHours(2));
        List<string> source =
        [
            CodeMetadata(Start.AddHours(2)),
            Record(ms + 1, "turn.prompt", "\"input\":[{\"type\":\"text\",\"text\":\"go\"}],\"origin\":{\"kind\":\"user\"}"),
            LlmRequest(ms + 2, "kimi-for-coding", "kimi-code/kimi-for-coding", "loop"),
            Usage(ms + 1000, "kimi-code/kimi-for-coding", Code.U1, "turn"),
            StepEnd(ms + 1001, Code.U1),
            LlmRequest(ms + 1002, "kimi-for-coding", "kimi-code/kimi-for-coding", "loop"),
            Usage(ms + 2000, "kimi-code/kimi-for-coding", Code.U2, "turn"),
            StepEnd(ms + 2001, Code.U2),
            Record(ms + 2002, "turn.ended", "\"turnId\":1"),
            Record(ms + 3000, "full_compaction.begin", "\"source\":\"auto\""),
            LlmRequest(ms + 3001, "kimi-for-coding", "kimi-code/kimi-for-coding", "compaction"),
            Usage(ms + 4000, "kimi-code/kimi-for-coding", Code.Compaction, "session"),
            Record(ms + 4001, "full_compaction.complete", string.Empty),
            Usage(ms + 5000, "kimi-code/k9", Code.K9, "turn"),
            .. CodeRecordTypes.Select((type, index) => Record(ms + 6000 + index, type, string.Empty)),
        ];
        tree.CodeAgentAt(CodeHome, "wd_app_1a2b", CodeSource, "main", Wire.Lines([.. source]));
        tree.File($"{CodeHome}/sessions/wd_app_1a2b/{CodeSource}/state.json", """{"title": "Code work", "workDir": "/work/app"}""");

        List<string> fork =
        [
            .. source,
            Record(ms + 100_000, "forked", string.Empty),
            Usage(ms + 101_000, "kimi-code/kimi-for-coding", Code.ForkOwn, "turn"),
        ];
        tree.CodeAgentAt(CodeHome, "wd_app_1a2b", CodeFork, "main", Wire.Lines([.. fork]));
        tree.File($"{CodeHome}/sessions/wd_app_1a2b/{CodeFork}/state.json", $$"""{"title": "Code work (fork)", "workDir": "/work/app", "forkedFrom": "{{CodeSource}}"}""");

        tree.CodeAgentAt(CodeHome, "wd_app_1a2b", CodeForkOfFork, "main", Wire.Lines(
        [
            .. fork,
            Record(ms + 200_000, "forked", string.Empty),
            Usage(ms + 201_000, "kimi-code/kimi-for-coding", Code.ForkOfForkOwn, "turn"),
        ]));
        tree.File($"{CodeHome}/sessions/wd_app_1a2b/{CodeForkOfFork}/state.json", $$"""{"title": "Code work (fork 2)", "workDir": "/work/app", "forkedFrom": "{{CodeFork}}"}""");
    }

    private static string Event(decimal timestamp, string type, string payload) =>
        Wire.Line(timestamp, $$"""{"type": "{{type}}", "payload": {{payload}}}""");

    private static string CodeMetadata(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"type":"metadata","protocol_version":"1.4","created_at":{{Wire.Milliseconds(at)}},"time":{{Wire.Milliseconds(at)}}}""");

    private static string Record(long ms, string type, string fields) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"type":"{{{type}}}"{{{(fields.Length == 0 ? string.Empty : "," + fields)}}},"time":{{{ms}}}}""");

    private static string LlmRequest(long ms, string model, string alias, string kind) =>
        Record(ms, "llm.request", $"\"kind\":\"{kind}\",\"provider\":\"kimi\",\"model\":\"{model}\",\"modelAlias\":\"{alias}\",\"toolSelect\":false,\"systemPromptHash\":\"h\",\"toolsHash\":\"t\",\"messageCount\":4");

    private static string Usage(long ms, string model, Omk.Cost.Domain.Usage.TokenUsage usage, string scope) =>
        Record(ms, "usage.record", string.Create(
            CultureInfo.InvariantCulture,
            $"\"model\":\"{model}\",\"usage\":{{\"inputOther\":{usage.InputOther},\"output\":{usage.Output},\"inputCacheRead\":{usage.CacheRead},\"inputCacheCreation\":{usage.CacheCreation}}},\"usageScope\":\"{scope}\""));

    private static string StepEnd(long ms, Omk.Cost.Domain.Usage.TokenUsage usage) =>
        Record(ms, "context.append_loop_event", string.Create(
            CultureInfo.InvariantCulture,
            $"\"event\":{{\"type\":\"step.end\",\"uuid\":\"u\",\"turnId\":\"1\",\"step\":1,\"usage\":{{\"inputOther\":{usage.InputOther},\"output\":{usage.Output},\"inputCacheRead\":{usage.CacheRead},\"inputCacheCreation\":{usage.CacheCreation}}},\"finishReason\":\"tool_calls\"}}"));

    /// <summary>The Kimi CLI calls (input other, cache read, cache creation, output).</summary>
    public static class Cli
    {
        public static readonly Omk.Cost.Domain.Usage.TokenUsage M1 = new(1200, 8000, 0, 150);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage M2 = new(400, 2000, 0, 60);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage M3 = new(900, 12000, 10, 220);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage M4 = new(1500, 15000, 0, 330);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage M5 = new(70, 0, 0, 30);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage F1 = new(110, 21000, 0, 44);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage FF1 = new(130, 22000, 0, 55);
    }

    /// <summary>The Kimi Code requests.</summary>
    public static class Code
    {
        public static readonly Omk.Cost.Domain.Usage.TokenUsage U1 = new(3000, 40000, 0, 500);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage U2 = new(2500, 45000, 0, 700);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage Compaction = new(52000, 0, 0, 2100);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage K9 = new(10, 0, 0, 5);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage ForkOwn = new(600, 50000, 0, 90);
        public static readonly Omk.Cost.Domain.Usage.TokenUsage ForkOfForkOwn = new(700, 51000, 0, 95);
    }
}
