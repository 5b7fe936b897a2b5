using System.Buffers;
using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Reading;

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
/// <para>
/// The head of a line written as Kimi CLI writes it is matched byte by byte, and a <c>StatusUpdate</c> line of that
/// shape is read whole by <see cref="StatusUpdateScanner"/>; a line written in any other way goes to
/// <see cref="System.Text.Json.Utf8JsonReader"/> (<see cref="ParseWhole"/>), the reference both fast paths agree with.
/// </para>
/// </remarks>
internal static class KimiCliWireParser
{
    private const int MaxNesting = 16;

    /// <summary>The bytes of a plain event type name: ASCII letters, digits and '_'.</summary>
    private static readonly SearchValues<byte> TypeNameBytes = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"u8);

    /// <summary>
    /// The message types of the Kimi CLI wire protocol (versions 1.1 to 1.10 of <c>src/kimi_cli/wire/types.py</c>, and
    /// the <c>wire/message.py</c> before it) that carry no usage: the events, the requests, the name
    /// <c>ApprovalRequestResolved</c> of protocol 1, and the content part names that some writers use instead of
    /// <c>ContentPart</c>.
    /// </summary>
    private static readonly byte[][] KnownTypes =
    [
        "TurnBegin"u8.ToArray(), "SteerInput"u8.ToArray(), "TurnEnd"u8.ToArray(), "StepBegin"u8.ToArray(),
        "StepInterrupted"u8.ToArray(), "HookTriggered"u8.ToArray(), "HookResolved"u8.ToArray(),
        "CompactionBegin"u8.ToArray(), "CompactionEnd"u8.ToArray(), "MCPLoadingBegin"u8.ToArray(), "MCPLoadingEnd"u8.ToArray(),
        "Notification"u8.ToArray(), "ContentPart"u8.ToArray(), "ToolCall"u8.ToArray(), "ToolCallPart"u8.ToArray(),
        "ToolResult"u8.ToArray(), "ApprovalResponse"u8.ToArray(), "ApprovalRequestResolved"u8.ToArray(), "PlanDisplay"u8.ToArray(),
        "BtwBegin"u8.ToArray(), "BtwEnd"u8.ToArray(), "ApprovalRequest"u8.ToArray(), "ToolCallRequest"u8.ToArray(),
        "QuestionRequest"u8.ToArray(), "QuestionResponse"u8.ToArray(), "HookRequest"u8.ToArray(), "HookResponse"u8.ToArray(),
        "TextPart"u8.ToArray(), "ThinkPart"u8.ToArray(), "ImageURLPart"u8.ToArray(), "AudioURLPart"u8.ToArray(),
        "VideoURLPart"u8.ToArray(),
    ];

    /// <summary>
    /// Every type name and what it is, by the length of the name, so that a type is compared with the few names of
    /// its length only.
    /// </summary>
    private static readonly (byte[] Name, EventType Type)[][] TypesByLength = GroupByLength(
        [("StatusUpdate"u8.ToArray(), EventType.StatusUpdate), ("SubagentEvent"u8.ToArray(), EventType.SubagentEvent), ("StepRetry"u8.ToArray(), EventType.StepRetry),
            .. KnownTypes.Select(static name => (name, EventType.Known))]);

    private enum EventType
    {
        Unknown,
        Known,
        StatusUpdate,
        SubagentEvent,
        StepRetry,
    }

    public static WireLine Parse(ReadOnlySpan<byte> line, bool validateWhole = true)
    {
        if (TryMatchHead(line, out var timestamp, out var type, out var afterType))
        {
            if (type == EventType.StatusUpdate)
            {
                // The scanner validates the whole line, so its result holds even for a last line without a line feed.
                if (StatusUpdateScanner.TryScan(line[afterType..], timestamp, out var status))
                {
                    return status;
                }
            }
            else if (!validateWhole && (type != EventType.SubagentEvent || line.IndexOf("\"token_usage\""u8) < 0))
            {
                return new WireLine { Kind = KindOf(type), Timestamp = timestamp };
            }
        }
        else if (!validateWhole && ParseHead(line) is { } classified)
        {
            return classified;
        }

        return ParseWhole(line);
    }

    /// <summary>Parses and validates a whole line with the JSON reader: the reference for every other path.</summary>
    /// <param name="line">The line.</param>
    /// <returns>What the line is.</returns>
    internal static WireLine ParseWhole(ReadOnlySpan<byte> line)
    {
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
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
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
    /// Reads the head of a line written as Kimi CLI writes it (<c>{"timestamp": N, "message": {"type": "T", ...}}</c>)
    /// from its first bytes, without a JSON reader. Returns false when the line is written otherwise.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="timestamp">The line's timestamp.</param>
    /// <param name="type">The event type.</param>
    /// <param name="afterType">The index just past the closing quote of the type.</param>
    private static bool TryMatchHead(ReadOnlySpan<byte> line, out DateTimeOffset timestamp, out EventType type, out int afterType)
    {
        timestamp = default;
        type = EventType.Unknown;
        afterType = 0;
        var prefix = "{\"timestamp\": "u8;
        var infix = ", \"message\": {\"type\": \""u8;
        if (!line.StartsWith(prefix) || line[^1] != (byte)'}')
        {
            return false;
        }

        var at = prefix.Length;
        var numberLength = UnixTime.TryReadPlainSeconds(line[at..], out timestamp);
        if (numberLength == 0 || !line[(at + numberLength)..].StartsWith(infix))
        {
            return false;
        }

        at += numberLength + infix.Length;
        var typeLength = line[at..].IndexOf((byte)'"');
        if (typeLength <= 0)
        {
            return false;
        }

        var name = line.Slice(at, typeLength);
        type = Classify(name);

        // A type of no known name is taken from the head only when it is a plain name (letters, digits and '_').
        if (type == EventType.Unknown && name.ContainsAnyExcept(TypeNameBytes))
        {
            return false;
        }

        afterType = at + typeLength + 1;
        return true;
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
                            result.Kind = KindOf(type);
                            return result;
                    }
                }
                else
                {
                    return null;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
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
        else if (eventType == EventType.StepRetry && nesting == 0)
        {
            // A wrapped subagent's retry is counted from the subagent's own log.
            result.Kind = WireLineKind.Retry;
        }
    }

    /// <summary>What a line whose event type carries no usage is.</summary>
    private static WireLineKind KindOf(EventType type) => type switch
    {
        EventType.Unknown => WireLineKind.UnknownType,
        EventType.StepRetry => WireLineKind.Retry,
        _ => WireLineKind.Ignored,
    };

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
        if (name.Length < TypesByLength.Length)
        {
            foreach (var (known, type) in TypesByLength[name.Length])
            {
                if (name.SequenceEqual(known))
                {
                    return type;
                }
            }
        }

        return EventType.Unknown;
    }

    private static (byte[] Name, EventType Type)[][] GroupByLength((byte[] Name, EventType Type)[] names)
    {
        var groups = new (byte[] Name, EventType Type)[names.Max(static entry => entry.Name.Length) + 1][];
        for (var length = 0; length < groups.Length; length++)
        {
            groups[length] = [.. names.Where(entry => entry.Name.Length == length)];
        }

        return groups;
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

        if (reader.ValueTextEquals("StepRetry"u8))
        {
            return EventType.StepRetry;
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
