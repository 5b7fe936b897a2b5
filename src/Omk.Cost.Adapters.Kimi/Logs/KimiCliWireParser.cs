using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Parses one line of a Kimi CLI <c>wire.jsonl</c>: <c>{"timestamp": seconds, "message": {"type", "payload"}}</c>,
/// with subagent events wrapped as <c>SubagentEvent</c> payloads, in a single pass over the bytes.
/// </summary>
/// <remarks>
/// A line is checked as far as it takes to classify it. A line that can carry usage (a <c>StatusUpdate</c>, or a
/// <c>SubagentEvent</c> holding the key <c>"token_usage"</c>) is parsed and validated whole; so is a last line without
/// a line feed, to tell a truncated one. Any other line is read only up to its event type, which gives its timestamp
/// and tells an unknown type or a line that is not JSON; damage further inside the payload of such a line, which
/// holds no usage, goes unreported.
/// </remarks>
internal static class KimiCliWireParser
{
    private const int MaxNesting = 16;

    /// <summary>The event types of the Kimi CLI wire protocol that carry no usage.</summary>
    private static readonly byte[][] KnownTypes =
    [
        "TextPart"u8.ToArray(), "ThinkPart"u8.ToArray(), "ToolCall"u8.ToArray(), "ToolCallPart"u8.ToArray(),
        "ToolResult"u8.ToArray(), "StepBegin"u8.ToArray(), "TurnBegin"u8.ToArray(), "TurnEnd"u8.ToArray(),
        "StepInterrupted"u8.ToArray(), "SteerInput"u8.ToArray(), "CompactionBegin"u8.ToArray(), "CompactionEnd"u8.ToArray(),
        "HookTriggered"u8.ToArray(), "HookResolved"u8.ToArray(), "MCPLoadingBegin"u8.ToArray(), "MCPLoadingEnd"u8.ToArray(),
        "Notification"u8.ToArray(), "PlanDisplay"u8.ToArray(), "ContentPart"u8.ToArray(), "ImageURLPart"u8.ToArray(),
        "AudioURLPart"u8.ToArray(), "VideoURLPart"u8.ToArray(), "ApprovalRequest"u8.ToArray(), "ApprovalResponse"u8.ToArray(),
        "ApprovalRequestResolved"u8.ToArray(), "ToolCallRequest"u8.ToArray(), "QuestionRequest"u8.ToArray(),
        "QuestionResponse"u8.ToArray(),
    ];

    private enum EventType
    {
        Unknown,
        Known,
        StatusUpdate,
        SubagentEvent,
    }

    public static WireLine Parse(ReadOnlySpan<byte> line, bool validateWhole = true)
    {
        if (!validateWhole)
        {
            var head = MatchHead(line, out var mayCarryUsage);
            if (!mayCarryUsage && (head ?? ParseHead(line)) is { } classified)
            {
                return classified;
            }
        }

        var result = new WireLine { Kind = WireLineKind.Ignored };
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return result;
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        var sawMessage = false;
        var metadata = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Invalid(WireLineKind.InvalidJson);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    result.Timestamp = UnixTime.Read(ref reader, milliseconds: false);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        sawMessage = true;
                        ParseEvent(ref reader, line, ref result, 0);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    metadata = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("metadata"u8);
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            // Anything after the object makes the line invalid.
            if (reader.Read())
            {
                return Invalid(WireLineKind.InvalidJson);
            }
        }
        catch (JsonException)
        {
            return Invalid(WireLineKind.InvalidJson);
        }

        if (metadata && !sawMessage)
        {
            return new WireLine { Kind = WireLineKind.Ignored };
        }

        if (!sawMessage)
        {
            return Invalid(WireLineKind.NotAnEvent);
        }

        if (result.Kind == WireLineKind.Usage && result.Timestamp is null)
        {
            result.Kind = WireLineKind.MissingTimestamp;
        }

        return result;
    }

    private static WireLine Invalid(WireLineKind kind) => new() { Kind = kind };

    /// <summary>
    /// Classifies a line written as Kimi CLI writes it (<c>{"timestamp": N, "message": {"type": "T", ...}}</c>) from
    /// its first bytes, without a JSON reader. Returns null when the line is written otherwise, or when it may carry
    /// usage, which <paramref name="mayCarryUsage"/> then tells.
    /// </summary>
    private static WireLine? MatchHead(ReadOnlySpan<byte> line, out bool mayCarryUsage)
    {
        mayCarryUsage = false;
        var prefix = "{\"timestamp\": "u8;
        var infix = ", \"message\": {\"type\": \""u8;
        if (!line.StartsWith(prefix) || line[^1] != (byte)'}')
        {
            return null;
        }

        var rest = line[prefix.Length..];
        var numberLength = 0;
        while (numberLength < rest.Length && (IsDigit(rest[numberLength]) || rest[numberLength] == (byte)'.'))
        {
            numberLength++;
        }

        if (numberLength == 0 || !rest[numberLength..].StartsWith(infix))
        {
            return null;
        }

        var timestamp = UnixTime.Parse(rest[..numberLength], milliseconds: false);
        rest = rest[(numberLength + infix.Length)..];
        var typeLength = 0;
        while (typeLength < rest.Length && (IsDigit(rest[typeLength]) || char.IsAsciiLetter((char)rest[typeLength]) || rest[typeLength] == (byte)'_'))
        {
            typeLength++;
        }

        if (timestamp is null || typeLength == 0 || typeLength == rest.Length || rest[typeLength] != (byte)'"')
        {
            return null;
        }

        var type = Classify(rest[..typeLength]);
        if (type == EventType.StatusUpdate || (type == EventType.SubagentEvent && line.IndexOf("\"token_usage\""u8) >= 0))
        {
            mayCarryUsage = true;
            return null;
        }

        return new WireLine { Kind = type == EventType.Unknown ? WireLineKind.UnknownType : WireLineKind.Ignored, Timestamp = timestamp };
    }

    /// <summary>
    /// Reads a line up to its event type. Returns null when the line may carry usage, or does not give its type
    /// before its payload, so that it is parsed whole.
    /// </summary>
    private static WireLine? ParseHead(ReadOnlySpan<byte> line)
    {
        var result = new WireLine { Kind = WireLineKind.Ignored };
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return line.Trim(" \t"u8).IsEmpty ? result : Invalid(WireLineKind.InvalidJson);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    result.Timestamp = UnixTime.Read(ref reader, milliseconds: false);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject || !reader.Read()
                        || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8))
                    {
                        return null;
                    }

                    reader.Read();
                    var type = reader.TokenType == JsonTokenType.String ? Classify(ref reader) : EventType.Unknown;
                    switch (type)
                    {
                        case EventType.StatusUpdate:
                        case EventType.SubagentEvent when line.IndexOf("\"token_usage\""u8) >= 0:
                            return null;
                        default:
                            result.Kind = type == EventType.Unknown ? WireLineKind.UnknownType : WireLineKind.Ignored;
                            return result;
                    }
                }
                else
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            return Invalid(WireLineKind.InvalidJson);
        }

        return null;
    }

    /// <summary>Reads an event object <c>{"type", "payload"}</c> at the reader, whatever the order of its members.</summary>
    private static void ParseEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, ref WireLine result, int nesting)
    {
        EventType? type = null;
        var deferredPayload = -1L;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? Classify(ref reader) : EventType.Unknown;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject && type is { } known)
                {
                    ParsePayload(ref reader, line, known, ref result, nesting);
                }
                else
                {
                    // The type comes after the payload: read the payload again once the type is known.
                    deferredPayload = reader.TokenType == JsonTokenType.StartObject ? reader.TokenStartIndex : -1;
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var eventType = type ?? EventType.Unknown;
        if (deferredPayload >= 0 && eventType is EventType.StatusUpdate or EventType.SubagentEvent)
        {
            var again = new Utf8JsonReader(line[(int)deferredPayload..], new JsonReaderOptions { MaxDepth = 256 });
            again.Read();
            ParsePayload(ref again, line[(int)deferredPayload..], eventType, ref result, nesting);
        }

        if (eventType == EventType.Unknown)
        {
            result.Kind = WireLineKind.UnknownType;
        }
    }

    private static void ParsePayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, EventType type, ref WireLine result, int nesting)
    {
        switch (type)
        {
            case EventType.StatusUpdate:
                ParseStatusUpdate(ref reader, ref result);
                break;
            case EventType.SubagentEvent when nesting < MaxNesting:
                ParseSubagentEvent(ref reader, line, ref result, nesting);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ParseStatusUpdate(ref Utf8JsonReader reader, ref WireLine result)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("token_usage"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var valid = TokenUsageParser.TryRead(ref reader, snakeCase: true, out var usage);
                    result.Usage = usage;
                    result.Kind = !valid ? WireLineKind.BadCounts : usage.IsZero ? WireLineKind.Ignored : WireLineKind.Usage;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    result.Kind = WireLineKind.BadCounts;
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("message_id"u8))
            {
                reader.Read();
                result.MessageId = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueIsEscaped || reader.HasValueSequence ? MessageIdHash.Of(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!))
                    : MessageIdHash.Of(reader.ValueSpan);
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ParseSubagentEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, ref WireLine result, int nesting)
    {
        string? agentId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("agent_id"u8))
            {
                reader.Read();
                agentId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ParseEvent(ref reader, line, ref result, nesting + 1);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // The innermost subagent's id wins: a nested event has set it already.
        result.AgentId ??= agentId ?? "(unnamed subagent)";
    }

    private static bool IsDigit(byte value) => (uint)(value - '0') <= 9;

    private static EventType Classify(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("StatusUpdate"u8))
        {
            return EventType.StatusUpdate;
        }

        if (name.SequenceEqual("SubagentEvent"u8))
        {
            return EventType.SubagentEvent;
        }

        foreach (var known in KnownTypes)
        {
            if (name.SequenceEqual(known))
            {
                return EventType.Known;
            }
        }

        return EventType.Unknown;
    }

    private static EventType Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("StatusUpdate"u8))
        {
            return EventType.StatusUpdate;
        }

        if (reader.ValueTextEquals("SubagentEvent"u8))
        {
            return EventType.SubagentEvent;
        }

        foreach (var known in KnownTypes)
        {
            if (reader.ValueTextEquals(known))
            {
                return EventType.Known;
            }
        }

        return EventType.Unknown;
    }
}
