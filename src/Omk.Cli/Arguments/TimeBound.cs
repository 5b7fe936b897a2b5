using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// A <c>--since</c>, <c>--until</c>, <c>--started-at</c> or <c>--ended-at</c> value as written: checked when the
/// command line is parsed, and read in the command's time zone (<c>--tz</c>) when it runs.
/// </summary>
/// <param name="Text">The value as written.</param>
/// <param name="IsDate">Whether the value is a day alone (<c>2026-11-20</c>, <c>today</c>).</param>
internal readonly record struct TimeBound(string Text, bool IsDate)
{
    // Any instant does for checking the text: the zone and the clock only matter once it is read.
    private static readonly DateTimeOffset CheckInstant = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the moment the value names in a zone; for a day, its first instant.</summary>
    /// <param name="zone">The zone of days and wall times.</param>
    /// <param name="now">The current instant, for <c>today</c> and <c>yesterday</c>.</param>
    /// <returns>The moment, with the zone's offset.</returns>
    public DateTimeOffset Start(TimeZoneInfo zone, DateTimeOffset now) =>
        Moment.TryParse(Text, zone, now, out var value, out _) ? value : throw new InvalidOperationException($"'{Text}' was not checked as a time.");

    /// <summary>
    /// Gets the exclusive end of a window that ends at this value: the next day's first instant for a day, so that
    /// <c>--until 2026-11-20</c> includes that whole day, and the moment itself for a timestamp.
    /// </summary>
    /// <param name="zone">The zone of days and wall times.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>The end.</returns>
    public DateTimeOffset ExclusiveEnd(TimeZoneInfo zone, DateTimeOffset now) => IsDate && Moment.TryParseDay(Text, zone, now, out var day)
        ? CalendarPeriod.StartOfDay(day.AddDays(1), zone)
        : Start(zone, now);

    /// <summary>Gets the value as shown to a person: the day for a day, else the moment's wall time in the zone.</summary>
    /// <param name="zone">The zone.</param>
    /// <param name="now">The current instant.</param>
    /// <returns>The text, such as <c>2026-11-20</c> or <c>2026-11-20 09:15</c>.</returns>
    public string Show(TimeZoneInfo zone, DateTimeOffset now) => Shown(Start(zone, now), IsDate);

    /// <summary>Shows a moment as a person reads it: its day when it is a day's start, else its wall time.</summary>
    /// <param name="moment">The moment, in the zone's offset.</param>
    /// <param name="isDate">Whether the moment stands for a whole day.</param>
    /// <returns>The text.</returns>
    public static string Shown(DateTimeOffset moment, bool isDate) =>
        moment.ToString(isDate ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Checks a date or a timestamp.</summary>
    /// <param name="text">The text.</param>
    /// <param name="bound">The value.</param>
    /// <returns><see langword="true"/> when the text is a date or a timestamp.</returns>
    public static bool TryParse(string text, out TimeBound bound)
    {
        var parsed = Moment.TryParse(text, TimeZoneInfo.Utc, CheckInstant, out _, out var isDate);
        bound = new TimeBound(text.Trim(), isDate);
        return parsed;
    }
}
