using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Reads and writes <see cref="DateTimeOffset"/> values as RFC 3339 timestamps (see <see cref="Rfc3339"/>).
/// </summary>
internal sealed class Rfc3339TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && SessionCostReader.TryReadTimestamp(ref reader, out var value))
        {
            return value;
        }

        throw new JsonException("A timestamp must be a string in RFC 3339 form, such as \"2026-11-20T09:15:02Z\".");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        writer.WriteStringValue(buffer[..Rfc3339.Format(value, buffer)]);
    }
}
