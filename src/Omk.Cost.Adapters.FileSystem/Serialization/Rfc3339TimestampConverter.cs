using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Reads RFC 3339 timestamps with any number of fractional digits (the Rust omk writes nanoseconds) and any offset,
/// and writes them in UTC with <c>Z</c>, with as many fractional digits as needed.
/// </summary>
/// <remarks>.NET keeps 100 ns ticks: digits past the seventh are dropped when read.</remarks>
internal sealed class Rfc3339TimestampConverter : JsonConverter<DateTimeOffset>
{
    private const int MaxFractionDigits = 7;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be a string in RFC 3339 form.");
        }

        Span<char> buffer = stackalloc char[64];
        var length = reader.HasValueSequence || reader.ValueSpan.Length > buffer.Length
            ? -1
            : reader.CopyString(buffer);
        if (length < 0)
        {
            throw new JsonException("A timestamp is too long to be RFC 3339.");
        }

        if (!TryParse(buffer[..length], out var value))
        {
            throw new JsonException($"'{buffer[..length].ToString()}' is not an RFC 3339 timestamp.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[40];
        writer.WriteStringValue(buffer[..Format(value, buffer)]);
    }

    internal static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        if (text.Length is 0 or > 64)
        {
            value = default;
            return false;
        }

        // Keep at most seven fractional digits: DateTimeOffset cannot hold more.
        Span<char> trimmed = stackalloc char[text.Length];
        var dot = text.IndexOf('.');
        int written;
        if (dot >= 0)
        {
            var digits = 0;
            while (dot + 1 + digits < text.Length && char.IsAsciiDigit(text[dot + 1 + digits]))
            {
                digits++;
            }

            var kept = Math.Min(digits, MaxFractionDigits);
            text[..(dot + 1 + kept)].CopyTo(trimmed);
            text[(dot + 1 + digits)..].CopyTo(trimmed[(dot + 1 + kept)..]);
            written = text.Length - (digits - kept);
        }
        else
        {
            text.CopyTo(trimmed);
            written = text.Length;
        }

        return DateTimeOffset.TryParseExact(
            trimmed[..written],
            ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd't'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd't'HH:mm:ssK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal,
            out value)
            && RequiresOffset(trimmed[..written]);
    }

    internal static int Format(DateTimeOffset value, Span<char> destination)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
        utc.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture);
        return written;
    }

    // RFC 3339 requires an explicit offset: a timestamp without one is ambiguous.
    private static bool RequiresOffset(ReadOnlySpan<char> text) =>
        text.Length > 0 && (text[^1] is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));
}
