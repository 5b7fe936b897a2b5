using System.Globalization;
using System.Text.Json;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cost.Adapters.Kimi.Tests.Fixtures;

/// <summary>
/// Builds log lines the way Kimi writes them: Kimi CLI lines with Python's <c>json.dumps</c> spacing, Kimi Code records.
/// </summary>
internal static class Wire
{
    public const string Metadata = """{"type": "metadata", "protocol_version": "1.10"}""";

    public static string TurnBegin(decimal timestamp) =>
        Line(timestamp, """{"type": "TurnBegin", "payload": {"user_input": "fix the bug"}}""");

    public static string Text(decimal timestamp, string text) =>
        Line(timestamp, $$$"""{"type": "TextPart", "payload": {"type": "text", "text": {{{JsonSerializer.Serialize(text)}}}}}""");

    public static string Status(decimal timestamp, ulong inputOther, ulong output, ulong cacheRead, ulong cacheCreation, string? messageId) =>
        Line(timestamp, StatusEvent(inputOther, output, cacheRead, cacheCreation, messageId));

    public static string NullUsage(decimal timestamp) =>
        Line(timestamp, """{"type": "StatusUpdate", "payload": {"context_usage": null, "token_usage": null, "message_id": null, "plan_mode": true}}""");

    public static string Subagent(decimal timestamp, string agentId, string innerEvent) =>
        Line(timestamp, $$$"""{"type": "SubagentEvent", "payload": {"parent_tool_call_id": "call-1", "agent_id": "{{{agentId}}}", "subagent_type": "coder", "event": {{{innerEvent}}}}}""");

    public static string StatusEvent(ulong inputOther, ulong output, ulong cacheRead, ulong cacheCreation, string? messageId) =>
        $$$"""{"type": "StatusUpdate", "payload": {"context_usage": 0.12, "context_tokens": 31000, "max_context_tokens": 262144, "token_usage": {"input_other": {{{inputOther}}}, "output": {{{output}}}, "input_cache_read": {{{cacheRead}}}, "input_cache_creation": {{{cacheCreation}}}}, "message_id": {{{(messageId is null ? "null" : $"\"{messageId}\"")}}}, "plan_mode": false}}""";

    public static string Line(decimal timestamp, string message) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"timestamp": {{{timestamp}}}, "message": {{{message}}}}""");

    public static string UsageRecord(long timeMs, string model, ulong inputOther, ulong output, ulong cacheRead, ulong cacheCreation, string scope = "turn") =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"type":"usage.record","model":"{{{model}}}","usage":{"inputOther":{{{inputOther}}},"output":{{{output}}},"inputCacheRead":{{{cacheRead}}},"inputCacheCreation":{{{cacheCreation}}}},"usageScope":"{{{scope}}}","time":{{{timeMs}}}}""");

    public static string CodeEvent(long timeMs, string type) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"type":"{{{type}}}","time":{{{timeMs}}},"payload":{}}""");

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>Gets the Unix seconds of a UTC moment.</summary>
    public static decimal Seconds(DateTimeOffset moment) => (moment - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond;

    /// <summary>Gets the Unix milliseconds of a UTC moment.</summary>
    public static long Milliseconds(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds();
}
