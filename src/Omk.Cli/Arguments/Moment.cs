using System.Globalization;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// Parses the dates and times of the command line in a time zone: a day of that zone (<c>2026-11-20</c>,
/// <c>20261120</c>, <c>today</c>, <c>yesterday</c>), an RFC 3339 timestamp with its offset
/// (<c>2026-11-20T09:15:02Z</c>, <c>2026-11-20T10:15:02+01:00</c>), or a timestamp without an offset, which is a wall
/// time of that zone.
/// </summary>
internal static class Moment
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

    private static readonly string[] WallTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd' 'HH:mm:ss",
        "yyyy-MM-dd' 'HH:mm",
    ];

    private static readonly string[] TimestampFormats = [.. WallTimeFormats.Select(static format => format + "K")];

    /// <summary>Parses a date or a timestamp in a zone.</summary>
    /// <param name="text">The text.</param>
    /// <param name="zone">The zone of days and wall times.</param>
    /// <param name="now">The current instant, for <c>today</c> and <c>yesterday</c>.</param>
    /// <param name="value">The moment, with the zone's offset; for a day, its first instant.</param>
    /// <param name="isDate">Whether the text was a day alone.</param>
    /// <returns><see langword="true"/> when the text is a date or a timestamp.</returns>
    public static bool TryParse(string text, TimeZoneInfo zone, DateTimeOffset now, out DateTimeOffset value, out bool isDate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        value = default;
        isDate = TryParseDay(text, zone, now, out var day);
        if (isDate)
        {
            value = CalendarPeriod.StartOfDay(day, zone);
            return true;
        }

        var trimmed = CutFraction(text.Trim());
        var invariant = CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(trimmed, WallTimeFormats, invariant, DateTimeStyles.None, out var wallTime))
        {
            value = CalendarPeriod.AtWallTime(wallTime, zone);
            return true;
        }

        if (DateTimeOffset.TryParseExact(trimmed, TimestampFormats, invariant, DateTimeStyles.AssumeUniversal, out var instant))
        {
            value = TimeZoneInfo.ConvertTime(instant, zone);
            return true;
        }

        return false;
    }

    /// <summary>Parses a day of a zone: <c>2026-11-20</c>, <c>20261120</c>, <c>today</c> or <c>yesterday</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="zone">The zone whose today it is.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="day">The day.</param>
    /// <returns><see langword="true"/> when the text is a day.</returns>
    public static bool TryParseDay(string text, TimeZoneInfo zone, DateTimeOffset now, out DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("today", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("yesterday", StringComparison.OrdinalIgnoreCase))
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            day = trimmed.Length == 5 ? today : today.AddDays(-1);
            return true;
        }

        return DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>RFC 3339 allows nine fractional digits; .NET keeps seven (100 ns), so the rest are cut before parsing.</summary>
    private static string CutFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 > 7 ? string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end)) : text;
    }
}
