using System.Globalization;

namespace Omk.Cost.Domain.Time;

/// <summary>
/// One day, ISO week or month of a time zone, as the instants it spans. A session belongs to the period in which it
/// started; periods are computed from the zone's own rules, so a day of a daylight-saving change is 23 or 25 hours long.
/// </summary>
internal readonly record struct CalendarPeriod
{
    private CalendarPeriod(CalendarUnit unit, DateOnly firstDay, DateTimeOffset start, DateTimeOffset end)
    {
        Unit = unit;
        FirstDay = firstDay;
        Start = start;
        End = end;
    }

    /// <summary>Gets the period's unit.</summary>
    public CalendarUnit Unit { get; }

    /// <summary>Gets the period's first calendar day in its zone.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Gets the period's first instant, with the zone's offset at that instant.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Gets the first instant after the period (exclusive), with the zone's offset at that instant.</summary>
    public DateTimeOffset End { get; }

    /// <summary>
    /// Gets the period's key: <c>2026-12-01</c> for a day, <c>2026-W49</c> for an ISO week (its ISO year, which can
    /// differ from the calendar year of its first day), <c>2026-12</c> for a month.
    /// </summary>
    public string Key => Unit switch
    {
        CalendarUnit.Day => FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CalendarUnit.Week => string.Create(
            CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(FirstDay.ToDateTime(TimeOnly.MinValue)):0000}-W{ISOWeek.GetWeekOfYear(FirstDay.ToDateTime(TimeOnly.MinValue)):00}"),
        _ => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>Gets the period of a zone that contains an instant.</summary>
    /// <param name="unit">The period's unit.</param>
    /// <param name="instant">The instant.</param>
    /// <param name="zone">The time zone whose calendar is used.</param>
    /// <returns>The period.</returns>
    public static CalendarPeriod Containing(CalendarUnit unit, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return Of(unit, day, zone);
    }

    /// <summary>Gets the period of a zone that contains a calendar day.</summary>
    /// <param name="unit">The period's unit.</param>
    /// <param name="day">A calendar day in the zone.</param>
    /// <param name="zone">The time zone whose calendar is used.</param>
    /// <returns>The period.</returns>
    public static CalendarPeriod Of(CalendarUnit unit, DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var first = unit switch
        {
            CalendarUnit.Day => day,
            CalendarUnit.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            CalendarUnit.Month => new DateOnly(day.Year, day.Month, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a calendar unit."),
        };
        var next = unit switch
        {
            CalendarUnit.Day => first.AddDays(1),
            CalendarUnit.Week => first.AddDays(7),
            _ => first.AddMonths(1),
        };
        return new CalendarPeriod(unit, first, StartOfDay(first, zone), StartOfDay(next, zone));
    }

    /// <summary>Gets the first instant of a calendar day in a zone.</summary>
    /// <param name="day">The day.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>
    /// The instant of the day's local midnight, with the zone's offset. Where midnight falls in a daylight-saving gap,
    /// the first instant after the gap; where it occurs twice, the first of the two.
    /// </returns>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) =>
        AtWallTime(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>Gets the instant at which a zone's clocks show a wall time.</summary>
    /// <param name="wallTime">The wall time (its kind is ignored).</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>
    /// The instant, with the zone's offset. A wall time skipped by a daylight-saving gap is read with the offset in
    /// force before the gap (so it lands just after the gap); one shown twice is the first of the two.
    /// </returns>
    public static DateTimeOffset AtWallTime(DateTime wallTime, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-6));
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offset), zone);
    }

    /// <summary>Gets the period that follows this one.</summary>
    /// <param name="zone">The time zone of this period.</param>
    /// <returns>The next period of the same unit.</returns>
    public CalendarPeriod Next(TimeZoneInfo zone) => Of(Unit, Unit switch
    {
        CalendarUnit.Day => FirstDay.AddDays(1),
        CalendarUnit.Week => FirstDay.AddDays(7),
        _ => FirstDay.AddMonths(1),
    }, zone);

    /// <summary>Determines whether an instant lies inside the period.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when <see cref="Start"/> ≤ instant &lt; <see cref="End"/>.</returns>
    public bool Contains(DateTimeOffset instant) => Range.Includes(instant);

    /// <summary>Gets the period as a window of moments, which holds the one rule of half-open intervals.</summary>
    public TimeRange Range => new(Start, End);
}
