using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Parses one line of a Kimi Code <c>wire.jsonl</c>: a record <c>{"type", ...fields, "time"}</c> written by
/// agent-core's <c>AgentRecords.logRecord</c> (<c>packages/agent-core/src/agent/records</c>).
/// </summary>
/// <remarks>
/// Every <c>usage.record</c> is one billed request (<c>agent/usage/index.ts</c>): scope <c>turn</c> for a turn's
/// step, scope <c>session</c> (the default, also when absent) for a request outside a turn, such as a full compaction
/// (<c>agent/compaction/full.ts</c>). The <c>step.end</c> loop events (inside <c>context.append_loop_event</c>)
/// repeat their step's usage and are not counted. A <c>forked</c> record marks the end of what a fork copied;
/// an <c>llm.request</c> record names the API model of an alias; a <c>turn.step.retrying</c> record (Kimi Code 2.x)
/// tells of a failed request that is retried.
/// </remarks>
internal static class KimiCodeWireParser
{
    /// <summary>
    /// The record types of agent-core's <c>AgentRecordEvents</c> (<c>agent/records/types.ts</c>, all its versions and
    /// migrations), of agent-core-v2's wire manifest (<c>docs/wire-manifest.d.ts</c>), and of Kimi Code 2.1.0's durable
    /// events (<c>@moonshot-ai/kimi-code</c> 2.1.0, <c>dist/main.mjs</c>: every <c>AgentEvent</c> class with
    /// <c>static durable = true</c>, and the record types its session history reader replays).
    /// </summary>
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "metadata", "forked", "turn.prompt", "turn.steer", "turn.cancel", "turn.ended", "config.update", "profile.bind",
        "tools.reset_active_tools", "permission.set_mode", "permission.record_approval_result", "full_compaction.begin",
        "full_compaction.cancel", "full_compaction.complete", "micro_compaction.apply", "plan_mode.enter", "plan_mode.cancel",
        "plan_mode.exit", "plan.revision", "swarm_mode.enter", "swarm_mode.exit", "tower_mode.enter", "tower_mode.exit",
        "tools.register_user_tool", "tools.unregister_user_tool", "tools.set_active_tools", "tools.update_store", "usage.record",
        "context.append_message", "context.append_loop_event", "context.update_token_count", "context.clear",
        "context.apply_compaction", "context.undo", "context.mark_last_user_prompt_blocked", "goal.create", "goal.update",
        "goal.clear", "goal.account_usage", "goal.continuation", "llm.tools_snapshot", "llm.request", "mcp.tools_discovered",
        "background.stop", "cron.add", "cron.cursor", "cron.delete", "interaction.request", "interaction.resolved",
        "interruptionReminder.recorded", "plugin.session_start", "prompt.accepted", "runtime.set_binding",
        "staleGuard.cleared", "staleGuard.recorded", "task.started", "task.terminated", "task.waitDelivered",
        "token_counting.measured", "token_counting.rebased", "token_counting.truncated", "token_counting.turn_recorded",
        "file_history.checkpoint", "file_history.tracked", "prompt.completed", "prompt.aborted", "prompt.steered",
        "turn.step.interrupted", "subagent.spawned", "subagent.started", "subagent.completed", "subagent.failed",
        "subagent.cancelled",
    };

    private enum RecordType
    {
        None,
        Unknown,
        Known,
        Usage,
        Forked,
        LlmRequest,
        Retrying,
    }

    /// <summary>Gets the record types this parser knows, for the tests.</summary>
    internal static IReadOnlyCollection<string> KnownRecordTypes => KnownTypes;

    public static WireLine Parse(ReadOnlySpan<byte> line)
    {
        var result = new WireLine { Kind = WireLineKind.Ignored };
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return result;
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        var type = RecordType.None;
        var sawUsage = false;
        var validUsage = true;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new WireLine { Kind = WireLineKind.InvalidJson };
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType != JsonTokenType.String ? RecordType.Unknown : Classify(ref reader);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        sawUsage = true;
                        validUsage = TokenUsageParser.TryRead(ref reader, snakeCase: false, out var usage);
                        result.Usage = usage;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    result.Model = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("modelAlias"u8))
                {
                    result.ModelAlias = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("agentId"u8))
                {
                    result.AgentId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    reader.Read();
                    result.Timestamp = UnixTime.Read(ref reader, milliseconds: true);
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                return new WireLine { Kind = WireLineKind.InvalidJson };
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return new WireLine { Kind = WireLineKind.InvalidJson };
        }

        result.Kind = type switch
        {
            RecordType.None => WireLineKind.NotAnEvent,
            RecordType.Unknown => WireLineKind.UnknownType,
            RecordType.Forked => WireLineKind.Forked,
            RecordType.Retrying => WireLineKind.Retry,
            RecordType.LlmRequest when !string.IsNullOrWhiteSpace(result.Model) && !string.IsNullOrWhiteSpace(result.ModelAlias) => WireLineKind.ModelRequest,
            RecordType.Usage when !sawUsage => WireLineKind.NotAnEvent,
            RecordType.Usage when !validUsage => WireLineKind.BadCounts,
            RecordType.Usage when result.Usage.IsZero => WireLineKind.Ignored,
            RecordType.Usage when result.Timestamp is null => WireLineKind.MissingTimestamp,
            RecordType.Usage => WireLineKind.Usage,
            _ => WireLineKind.Ignored,
        };
        return result;
    }

    private static RecordType Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("usage.record"u8))
        {
            return RecordType.Usage;
        }

        if (reader.ValueTextEquals("forked"u8))
        {
            return RecordType.Forked;
        }

        if (reader.ValueTextEquals("llm.request"u8))
        {
            return RecordType.LlmRequest;
        }

        if (reader.ValueTextEquals("turn.step.retrying"u8))
        {
            return RecordType.Retrying;
        }

        return KnownTypes.Contains(reader.GetString()!) ? RecordType.Known : RecordType.Unknown;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        reader.Skip();
        return value;
    }
}
