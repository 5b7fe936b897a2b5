using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

        // A session resumed continues its wire files; a new one starts them.
        if (!File.Exists(_wire))
        {
            File.WriteAllText(_wire, "{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
            File.WriteAllText(_subagentWire, "{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
        }

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
