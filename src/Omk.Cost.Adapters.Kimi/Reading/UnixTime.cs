using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Converts the Unix timestamps of the logs (seconds as a float in Kimi CLI, milliseconds in Kimi Code) exactly.
/// </summary>
internal static class UnixTime
{
    // The last second of the year 9998, the last a report can place (SessionTimes.End less a second): a later
    // timestamp is no plausible moment, so its usage line is skipped as one without a valid timestamp.
    private const decimal LastSecond = 253_370_764_799m;
    private const long LastWholeSecond = 253_370_764_799;
    private const int LastWholeSecondDigits = 12;
    private const long LastWholeMillisecond = 253_370_764_799_999;

    /// <summary>Reads a number of Unix seconds (or milliseconds) at the reader, or null when it is not a plausible moment.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="milliseconds">Whether the number counts milliseconds rather than seconds.</param>
    /// <returns>The moment in UTC, or null.</returns>
    public static DateTimeOffset? Read(ref Utf8JsonReader reader, bool milliseconds)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return null;
        }

        if (!reader.HasValueSequence && TryParsePlain(reader.ValueSpan, milliseconds, out var moment))
        {
            return moment;
        }

        if (!reader.TryGetDecimal(out var value))
        {
            return null;
        }

        var seconds = milliseconds ? value / 1000m : value;
        return seconds < 0m || seconds > LastSecond ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>Parses the text of a plain number of Unix seconds (or milliseconds), or returns null.</summary>
    /// <param name="text">The number's text.</param>
    /// <param name="milliseconds">Whether the number counts milliseconds rather than seconds.</param>
    /// <returns>The moment in UTC, or null when the text is not a plain number of a plausible moment.</returns>
    public static DateTimeOffset? Parse(ReadOnlySpan<byte> text, bool milliseconds) =>
        TryParsePlain(text, milliseconds, out var moment) ? moment : null;

    /// <summary>
    /// Reads a number of Unix seconds written as a plain JSON number (<c>0|[1-9][0-9]*</c>, then optionally
    /// <c>.digits</c>) at the start of a text, up to the first byte that cannot continue it, in one pass.
    /// </summary>
    /// <param name="text">The text, starting with the number.</param>
    /// <param name="moment">The moment in UTC (the same as <see cref="Parse"/> gives for the number's text).</param>
    /// <returns>
    /// The length of the number, or 0 when the text does not start with such a number (a leading zero, a point
    /// without digits after it) or the moment is past the year 9998.
    /// </returns>
    public static int TryReadPlainSeconds(ReadOnlySpan<byte> text, out DateTimeOffset moment)
    {
        moment = default;
        long whole = 0;
        var index = 0;

        // A Unix time of these years has ten whole digits: the first eight are read at once where they are digits.
        if (text.Length >= 8 && TryEightDigits(BinaryPrimitives.ReadUInt64LittleEndian(text), out var first))
        {
            whole = first;
            index = 8;
        }

        // The last second of the year 9998 has twelve digits: no more are read, so the sum cannot overflow.
        while (index < text.Length && (uint)(text[index] - '0') <= 9)
        {
            if (index == LastWholeSecondDigits)
            {
                return 0;
            }

            whole = (whole * 10) + (text[index] - '0');
            index++;
        }

        if (index == 0 || (index > 1 && text[0] == (byte)'0') || whole > LastWholeSecond)
        {
            return 0;
        }

        long fractionTicks = 0;
        if (index < text.Length && text[index] == (byte)'.')
        {
            index++;
            if (!TryReadFraction(text, ref index, out fractionTicks))
            {
                return 0;
            }
        }

        moment = DateTimeOffset.UnixEpoch.AddTicks((whole * TimeSpan.TicksPerSecond) + fractionTicks);
        return index;
    }

    /// <summary>
    /// Reads eight ASCII digits packed in a number (the first digit in the lowest byte) without a loop: checks that
    /// every byte is a digit, then combines them pairwise (the classic "SWAR" conversion).
    /// </summary>
    /// <param name="chunk">Eight bytes of text, read little-endian.</param>
    /// <param name="value">The value of the eight digits.</param>
    /// <returns><see langword="false"/> when a byte is not a digit.</returns>
    private static bool TryEightDigits(ulong chunk, out long value)
    {
        value = 0;

        // A digit's high nibble is 3, and stays 3 when 6 is added to it (':' and above would carry into it).
        if (((chunk & 0xF0F0F0F0F0F0F0F0) | (((chunk + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) != 0x3333333333333333)
        {
            return false;
        }

        chunk = ((chunk & 0x0F0F0F0F0F0F0F0F) * 2561) >> 8;
        chunk = ((chunk & 0x00FF00FF00FF00FF) * 6553601) >> 16;
        value = (long)(((chunk & 0x0000FFFF0000FFFF) * 42949672960001) >> 32);
        return true;
    }

    /// <summary>
    /// Parses <c>digits[.digits]</c> (seven fraction digits at most count, the rest are dropped) without decimal
    /// arithmetic; false when the text is written otherwise or the moment is past the year 9998.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<byte> text, bool milliseconds, out DateTimeOffset? moment)
    {
        moment = null;
        if (!TryParseDigits(text, out var whole, out var fractionTicks) || whole > (milliseconds ? LastWholeMillisecond : LastWholeSecond))
        {
            return false;
        }

        var ticks = milliseconds
            ? (whole * TimeSpan.TicksPerMillisecond) + (fractionTicks / 1000)
            : (whole * TimeSpan.TicksPerSecond) + fractionTicks;
        moment = DateTimeOffset.UnixEpoch.AddTicks(ticks);
        return true;
    }

    private static bool TryParseDigits(ReadOnlySpan<byte> text, out long whole, out long fractionTicks)
    {
        whole = 0;
        fractionTicks = 0;
        var index = 0;
        while (index < text.Length && (uint)(text[index] - '0') <= 9)
        {
            whole = (whole * 10) + (text[index] - '0');
            if (whole > LastWholeMillisecond)
            {
                return false;
            }

            index++;
        }

        if (index == 0)
        {
            return false;
        }

        if (index == text.Length)
        {
            return true;
        }

        if (text[index] != '.')
        {
            return false;
        }

        index++;
        return TryReadFraction(text, ref index, out fractionTicks) && index == text.Length;
    }

    /// <summary>
    /// Reads the digits after a decimal point as ticks (seven fraction digits make a tick; further digits are below
    /// a tick and dropped), moving the index past all of them.
    /// </summary>
    /// <returns><see langword="false"/> when no digit follows the point.</returns>
    /// <remarks>Inlined: it runs for every line of a log, and a call through a reference to the index costs more than the loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadFraction(ReadOnlySpan<byte> text, ref int index, out long fractionTicks)
    {
        fractionTicks = 0;
        var start = index;
        var digits = 0;
        while (index < text.Length && (uint)(text[index] - '0') <= 9)
        {
            if (digits < 7)
            {
                fractionTicks = (fractionTicks * 10) + (text[index] - '0');
                digits++;
            }

            index++;
        }

        for (; digits < 7; digits++)
        {
            fractionTicks *= 10;
        }

        return index > start;
    }
}
