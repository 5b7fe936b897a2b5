using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omk.Cli.Tests.Fixtures;

/// <summary>
/// Writes a small Kimi CLI share folder on the real disk: a config.toml that names kimi-k2.6, and one session
/// of the work dir <c>/work/alpha</c> with two model calls and one status update without usage.
/// </summary>
internal static class KimiLogs
{
    public const string WorkDir = "/work/alpha";

    /// <summary>Input tokens that were cache misses, over both calls.</summary>
    public const ulong InputOther = 1500;

    /// <summary>Input tokens read from the cache, over both calls.</summary>
    public const ulong CacheRead = 5000;

    /// <summary>Output tokens, over both calls.</summary>
    public const ulong Output = 300;

    /// <summary>What the calls cost at kimi-k2.6's prices: 1500 × $0.95 + 5000 × $0.16 + 300 × $4 per million.</summary>
    public const decimal CostUsd = 0.003425m;

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the share folder.</summary>
    /// <param name="shareDirectory">The folder to write, the value of <c>KIMI_SHARE_DIR</c>.</param>
    public static void Write(string shareDirectory)
    {
        var t0 = Start.ToUnixTimeSeconds();
        var session = Path.Combine(shareDirectory, "sessions", Md5(WorkDir), "sess-a");
        Directory.CreateDirectory(session);
        File.WriteAllText(Path.Combine(shareDirectory, "config.toml"), """
            default_model = "main"

            [models.main]
            provider = "moonshot"
            model = "kimi-k2.6"
            """);
        File.WriteAllText(Path.Combine(shareDirectory, "kimi.json"), $$"""
            {"work_dirs": [{"path": "{{WorkDir}}", "kaos": "local", "last_session_id": "sess-a"}]}
            """);
        File.WriteAllText(Path.Combine(session, "state.json"), """{"title": "Fix login", "archived": false, "wire_mtime": 1.0}""");
        File.WriteAllText(Path.Combine(session, "wire.jsonl"), string.Join('\n',
            """{"type": "metadata", "protocol_version": "1.10"}""",
            Status(t0 + 1, 1000, 200, 5000, "m1"),
            Line(t0 + 2, """{"type": "StatusUpdate", "payload": {"context_usage": null, "token_usage": null, "message_id": null, "plan_mode": true}}"""),
            Status(t0 + 3, 500, 100, 0, "m2")) + "\n");
    }

    /// <summary>
    /// Adds a session of another work dir to a share folder that <see cref="Write"/> wrote: its folder, its title and
    /// its work dir in kimi.json; one call a minute from <paramref name="start"/>.
    /// </summary>
    public static void AddSession(string shareDirectory, string workDir, string sessionId, string title, DateTimeOffset start, params (ulong InputOther, ulong Output, ulong CacheRead)[] calls)
    {
        var session = Path.Combine(shareDirectory, "sessions", Md5(workDir), sessionId);
        Directory.CreateDirectory(session);
        File.WriteAllText(Path.Combine(session, "state.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["title"] = title, ["archived"] = false, ["wire_mtime"] = 1.0 }));
        var t0 = start.ToUnixTimeSeconds();
        File.WriteAllText(Path.Combine(session, "wire.jsonl"), string.Join('\n', [
            """{"type": "metadata", "protocol_version": "1.10"}""",
            .. calls.Select((call, index) => Status(t0 + (60 * index), call.InputOther, call.Output, call.CacheRead, $"{sessionId}-m{index}"))]) + "\n");

        var index = Path.Combine(shareDirectory, "kimi.json");
        var known = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(index))!;
        known["work_dirs"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["path"] = workDir, ["kaos"] = "local", ["last_session_id"] = sessionId });
        File.WriteAllText(index, known.ToJsonString());
    }

    /// <summary>A StatusUpdate line as Kimi CLI writes it.</summary>
    public static string Status(long timestamp, ulong inputOther, ulong output, ulong cacheRead, string messageId) => Line(
        timestamp,
        $$$"""{"type": "StatusUpdate", "payload": {"context_usage": 0.12, "context_tokens": 31000, "max_context_tokens": 262144, "token_usage": {"input_other": {{{inputOther}}}, "output": {{{output}}}, "input_cache_read": {{{cacheRead}}}, "input_cache_creation": 0}, "message_id": "{{{System.Text.Json.JsonEncodedText.Encode(messageId)}}}", "plan_mode": false}}""");

    /// <summary>A wire.jsonl line at a timestamp a quarter second past the given one.</summary>
    public static string Line(long timestamp, string message) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"timestamp": {{timestamp}}.25, "message": {{message}}}""");

    /// <summary>The md5 folder name Kimi CLI gives a work dir.</summary>
    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
