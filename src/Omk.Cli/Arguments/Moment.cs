using System.Globalization;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// Parses the dates and times of the command line in a time zone: a day of that zone (<c>2026-11-20</c>,
/// <c>20261120</c>, <c>today</c>, <c>yesterday</c>), an RFC 3339 timestamp with its offset
/// (<c>2026-11-20T09:15:02Z</c>, <c>2026-11-20T10:15:02+01:00</c>), or a timestamp without an offset, which is a wall
/// time of that zone (also with a space for <c>T</c>, or without seconds). Timestamps are read by the one RFC 3339
/// reader, <see cref="Rfc3339.TryParseRelaxed"/>.
/// </summary>
internal static class Moment
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd"];

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

        if (!Rfc3339.TryParseRelaxed(text.AsSpan().Trim(), out var wallTime, out var offset))
        {
            return false;
        }

        value = offset is { } written
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(wallTime.Ticks - written.Ticks, TimeSpan.Zero), zone)
            : CalendarPeriod.AtWallTime(wallTime, zone);
        return true;
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
}
