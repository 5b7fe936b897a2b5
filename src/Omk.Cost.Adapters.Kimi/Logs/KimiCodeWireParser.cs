using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Parses one line of a Kimi Code <c>wire.jsonl</c>. Only <c>usage.record</c> lines of scope <c>turn</c> carry usage
/// (<c>session</c>-scoped records repeat the turns' totals); every other typed record is ignored.
/// </summary>
internal static class KimiCodeWireParser
{
    public static WireLine Parse(ReadOnlySpan<byte> line)
    {
        var result = new WireLine { Kind = WireLineKind.Ignored };
        if (line.Trim(" \t"u8).IsEmpty)
        {
            return result;
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        bool? usageRecord = null;
        var turnScope = false;
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
                    usageRecord = reader.TokenType == JsonTokenType.String ? reader.ValueTextEquals("usage.record"u8) : null;
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
                    reader.Read();
                    result.Model = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("usageScope"u8))
                {
                    reader.Read();
                    turnScope = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("turn"u8);
                    reader.Skip();
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
        catch (JsonException)
        {
            return new WireLine { Kind = WireLineKind.InvalidJson };
        }

        result.Kind = usageRecord switch
        {
            null => WireLineKind.NotAnEvent,
            false => WireLineKind.Ignored,
            true when !turnScope => WireLineKind.Ignored,
            true when !sawUsage => WireLineKind.NotAnEvent,
            true when !validUsage => WireLineKind.BadCounts,
            true when result.Usage.IsZero => WireLineKind.Ignored,
            true when result.Timestamp is null => WireLineKind.MissingTimestamp,
            _ => WireLineKind.Usage,
        };
        return result;
    }
}
