using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// Parses and formats RFC 3339 timestamps directly from and to UTF-8, without allocating: the one timestamp rule of
/// omk cost, used by every store, reader and command that reads or writes one.
/// </summary>
/// <remarks>
/// Reads <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c> with any number of fractional digits (the Rust omk writes
/// nanoseconds; .NET keeps 100 ns ticks, so digits past the seventh are dropped). Writes UTC with <c>Z</c> and only
/// the fractional digits needed. The command line's timestamps are read here too (<see cref="TryParseRelaxed"/>), so
/// there is one timestamp parser in omk cost.
/// </remarks>
internal static class Rfc3339
{
    private const int MaxFractionDigits = 7;

    /// <summary>Parses an RFC 3339 timestamp from UTF-8 text.</summary>
    /// <param name="text">The text, all of it the timestamp.</param>
    /// <param name="value">The moment, in UTC.</param>
    /// <returns><see langword="true"/> when the text is an RFC 3339 timestamp.</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        return TryParseParts(text, relaxed: false, out var wallTicks, out var offset) && TryToUtc(wallTicks, offset!.Value, out value);
    }

    /// <summary>Parses an RFC 3339 timestamp from text.</summary>
    /// <param name="text">The text, all of it the timestamp.</param>
    /// <param name="value">The moment, in UTC.</param>
    /// <returns><see langword="true"/> when the text is an RFC 3339 timestamp.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        Span<byte> bytes = stackalloc byte[64];
        return TryAscii(text, bytes) && TryParse(bytes[..text.Length], out value);
    }

    /// <summary>
    /// Parses a timestamp a person typed: RFC 3339, or with the relaxations people expect of a command line: a space
    /// instead of <c>T</c> (as RFC 3339 itself allows), the seconds left out, or no offset (a wall time, whose zone
    /// the caller knows).
    /// </summary>
    /// <param name="text">The text, all of it the timestamp.</param>
    /// <param name="wallTime">The date and time as written, of kind <see cref="DateTimeKind.Unspecified"/>.</param>
    /// <param name="offset">The offset written after it, or null when there is none.</param>
    /// <returns><see langword="true"/> when the text is such a timestamp (an instant given with an offset must exist).</returns>
    public static bool TryParseRelaxed(ReadOnlySpan<char> text, out DateTime wallTime, out TimeSpan? offset)
    {
        wallTime = default;
        offset = null;
        Span<byte> bytes = stackalloc byte[64];
        if (!TryAscii(text, bytes) || !TryParseParts(bytes[..text.Length], relaxed: true, out var wallTicks, out offset)
            || (offset is { } written && !TryToUtc(wallTicks, written, out _)))
        {
            offset = null;
            return false;
        }

        wallTime = new DateTime(wallTicks, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryAscii(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        if (text.Length > bytes.Length)
        {
            return false;
        }

        for (var index = 0; index < text.Length; index++)
        {
            if (text[index] > 0x7F)
            {
                return false;
            }

            bytes[index] = (byte)text[index];
        }

        return true;
    }

    private static bool TryToUtc(long wallTicks, TimeSpan offset, out DateTimeOffset value)
    {
        var utc = wallTicks - offset.Ticks;
        var valid = utc >= DateTime.MinValue.Ticks && utc <= DateTime.MaxValue.Ticks;
        value = valid ? new DateTimeOffset(utc, TimeSpan.Zero) : default;
        return valid;
    }

    /// <summary>
    /// Reads <c>YYYY-MM-DD(T|t)HH:MM:SS[.fraction](Z|z|±HH:MM)</c>; relaxed, also a space for the <c>T</c>, no seconds
    /// (then no fraction) and no offset.
    /// </summary>
    private static bool TryParseParts(ReadOnlySpan<byte> text, bool relaxed, out long wallTicks, out TimeSpan? offset)
    {
        wallTicks = 0;
        offset = null;
        if (text.Length < (relaxed ? 16 : 20)
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day)
            || !((text[10] | 0x20) == 't' || (relaxed && text[10] == ' '))
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute))
        {
            return false;
        }

        var position = 16;
        var second = 0;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == ':')
        {
            if (text.Length < 19 || !TryDigits(text, 17, 2, out second))
            {
                return false;
            }

            position = 19;
            if (position < text.Length && text[position] == '.')
            {
                position++;
                var digits = 0;
                while (position < text.Length && char.IsAsciiDigit((char)text[position]))
                {
                    if (digits < MaxFractionDigits)
                    {
                        fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                    }

                    digits++;
                    position++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (var scale = digits; scale < MaxFractionDigits; scale++)
                {
                    fractionTicks *= 10;
                }
            }
        }
        else if (!relaxed)
        {
            return false;
        }

        if (position < text.Length || !relaxed)
        {
            if (!TryOffset(text[position..], out var written))
            {
                return false;
            }

            offset = written;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        wallTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        return true;
    }

    /// <summary>Formats a timestamp in UTC with <c>Z</c>; the destination needs 28 characters at most.</summary>
    /// <param name="value">The moment.</param>
    /// <param name="destination">Where to write it.</param>
    /// <returns>The number of characters written.</returns>
    public static int Format(DateTimeOffset value, Span<char> destination)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";
        utc.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture);
        return written;
    }

    /// <summary>Formats a timestamp in UTC with <c>Z</c>.</summary>
    /// <param name="value">The moment.</param>
    /// <returns>The timestamp, such as <c>2026-11-20T09:15:02.5Z</c>.</returns>
    public static string Format(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[32];
        return new string(buffer[..Format(value, buffer)]);
    }

    /// <summary>
    /// Formats a timestamp with its own offset, as a person in that zone reads it and as the reports' JSON and CSV
    /// give a period's bounds: <c>2026-12-01T00:00:00+08:00</c>, with only the fractional digits needed.
    /// </summary>
    /// <param name="value">The moment, with the offset to show.</param>
    /// <returns>The timestamp.</returns>
    public static string FormatWithOffset(DateTimeOffset value) => value.ToString(
        value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        CultureInfo.InvariantCulture);

    private static bool TryOffset(ReadOnlySpan<byte> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text.Length == 1 && (text[0] | 0x20) == 'z')
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ((byte)'+' or (byte)'-') || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var minutes)
            || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var index = start; index < start + count; index++)
        {
            var digit = text[index] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
