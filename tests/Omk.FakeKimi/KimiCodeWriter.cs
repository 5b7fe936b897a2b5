using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
