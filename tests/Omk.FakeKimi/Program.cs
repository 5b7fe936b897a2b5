using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

// A fake Kimi agent. It writes the session logs of Kimi CLI ($KIMI_SHARE_DIR) or Kimi Code ($KIMI_CODE_HOME) for its
// working folder, one model call every --interval-ms, each of --input uncached input and --output output tokens, and
// every --subagent-every-th call by a subagent (Kimi CLI: in the subagent's own wire.jsonl and wrapped in the
// parent's; Kimi Code: an agent of its own). It stops after --calls calls (exit 0), at SIGINT (exit 130) unless
// --ignore-sigint, and at SIGTERM (exit 143). It writes "started <pid>" and then each call's number and Unix
// milliseconds to the --journal file.
var options = Options.Parse(args);
var interrupted = 0;
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    if (!options.IgnoreInterrupt)
    {
        Interlocked.Exchange(ref interrupted, 1);
    }
});

var cwd = Environment.CurrentDirectory;
var sessionId = Guid.NewGuid().ToString();
var writer = options.Format == "code" ? (ICallWriter)new KimiCodeWriter(cwd, sessionId) : new KimiCliWriter(cwd, sessionId);
Journal($"started {Environment.ProcessId}");
for (var call = 1; call <= options.Calls; call++)
{
    Thread.Sleep(options.IntervalMs);
    if (Volatile.Read(ref interrupted) == 1)
    {
        Journal("interrupted");
        return 130;
    }

    var bySubagent = options.SubagentEvery > 0 && call % options.SubagentEvery == 0;
    writer.Write(call, options.Input, options.Output, bySubagent);
    Journal(string.Create(CultureInfo.InvariantCulture, $"call {call} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));
}

Journal("done");
return 0;

void Journal(string line)
{
    if (options.Journal is { } path)
    {
        File.AppendAllText(path, line + "\n");
    }
}

/// <summary>The fake agent's command line.</summary>
internal sealed record Options(string Format, int Calls, int IntervalMs, long Input, long Output, int SubagentEvery, bool IgnoreInterrupt, string? Journal)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new Options(
            Value("--format", "cli"),
            Number("--calls", 1000),
            Number("--interval-ms", 200),
            Number("--input", 100_000),
            Number("--output", 10_000),
            Number("--subagent-every", 3),
            args.Contains("--ignore-sigint"),
            args.Contains("--journal") ? Value("--journal", string.Empty) : null);
    }
}

/// <summary>Writes one model call to a session's logs.</summary>
internal interface ICallWriter
{
    void Write(int call, long input, long output, bool bySubagent);
}

/// <summary>Kimi CLI 1.x: <c>kimi.json</c>, <c>sessions/&lt;md5 of the folder&gt;/&lt;id&gt;/wire.jsonl</c> and a subagent's folder.</summary>
internal sealed class KimiCliWriter : ICallWriter
{
    private readonly string _wire;
    private readonly string _subagentWire;

    public KimiCliWriter(string cwd, string sessionId)
    {
        var share = Environment.GetEnvironmentVariable("KIMI_SHARE_DIR") ?? throw new InvalidOperationException("KIMI_SHARE_DIR is not set");
        Directory.CreateDirectory(share);
        File.WriteAllText(Path.Combine(share, "kimi.json"), $"{{\"work_dirs\": [{{\"path\": {Json(cwd)}, \"kaos\": \"local\", \"last_session_id\": {Json(sessionId)}}}]}}");
        var folder = Path.Combine(share, "sessions", Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(cwd))), sessionId);
        Directory.CreateDirectory(Path.Combine(folder, "subagents", "agent-a"));
        _wire = Path.Combine(folder, "wire.jsonl");
        _subagentWire = Path.Combine(folder, "subagents", "agent-a", "wire.jsonl");
        File.WriteAllText(Path.Combine(folder, "subagents", "agent-a", "meta.json"), "{\"launch_spec\": {\"effective_model\": null}}");
        File.WriteAllText(_wire, "{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
        File.WriteAllText(_subagentWire, "{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
        Append(_wire, $"{{\"timestamp\": {Seconds()}, \"message\": {{\"type\": \"TurnBegin\", \"payload\": {{\"user_input\": \"fake work\"}}}}}}\n");
    }

    public void Write(int call, long input, long output, bool bySubagent)
    {
        var status = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"type\": \"StatusUpdate\", \"payload\": {{\"context_usage\": 0.1, \"token_usage\": {{\"input_other\": {input}, \"output\": {output}, \"input_cache_read\": 0, \"input_cache_creation\": 0}}, \"message_id\": \"chatcmpl-{call}-{Guid.NewGuid():N}\", \"plan_mode\": false}}}}");
        var seconds = Seconds();
        if (bySubagent)
        {
            Append(_subagentWire, $"{{\"timestamp\": {seconds}, \"message\": {status}}}\n");
            Append(_wire, $"{{\"timestamp\": {seconds}, \"message\": {{\"type\": \"SubagentEvent\", \"payload\": {{\"parent_tool_call_id\": \"call-{call}\", \"agent_id\": \"agent-a\", \"subagent_type\": \"coder\", \"event\": {status}}}}}}}\n");
        }
        else
        {
            Append(_wire, $"{{\"timestamp\": {seconds}, \"message\": {status}}}\n");
        }
    }

    private static string Seconds() => (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000###", CultureInfo.InvariantCulture);

    private static string Json(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Append(string path, string line) => File.AppendAllText(path, line);
}

/// <summary>Kimi Code: <c>workspaces.json</c> and <c>sessions/&lt;slug&gt;/&lt;id&gt;/agents/&lt;agent&gt;/wire.jsonl</c> of <c>usage.record</c> lines.</summary>
internal sealed class KimiCodeWriter : ICallWriter
{
    private readonly string _main;
    private readonly string _subagent;

    public KimiCodeWriter(string cwd, string sessionId)
    {
        var home = Environment.GetEnvironmentVariable("KIMI_CODE_HOME") ?? throw new InvalidOperationException("KIMI_CODE_HOME is not set");
        var slug = "ws-" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(cwd)))[..8];
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "workspaces.json"), $"{{\"workspaces\": {{\"{slug}\": {{\"root\": \"{cwd.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}}}}}");
        File.WriteAllText(Path.Combine(home, "config.toml"), "default_model = \"kimi-k2.6\"\n");
        var session = Path.Combine(home, "sessions", slug, sessionId, "agents");
        Directory.CreateDirectory(Path.Combine(session, "main"));
        Directory.CreateDirectory(Path.Combine(session, "agent-a"));
        _main = Path.Combine(session, "main", "wire.jsonl");
        _subagent = Path.Combine(session, "agent-a", "wire.jsonl");
    }

    public void Write(int call, long input, long output, bool bySubagent) => File.AppendAllText(
        bySubagent ? _subagent : _main,
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"type\":\"usage.record\",\"model\":\"kimi-k2.6\",\"usage\":{{\"inputOther\":{input},\"output\":{output},\"inputCacheRead\":0,\"inputCacheCreation\":0}},\"usageScope\":\"turn\",\"time\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{(bySubagent ? ",\"agentId\":\"agent-a\"" : string.Empty)}}}\n"));
}
