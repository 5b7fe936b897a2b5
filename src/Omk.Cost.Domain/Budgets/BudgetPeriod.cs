using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// One period of a budget: the calendar day, week or month that contains a moment, or all time.
/// </summary>
/// <param name="Kind">How long the period lasts.</param>
/// <param name="Start">When it starts (inclusive), in the budget's zone; null for all time.</param>
/// <param name="End">When it ends (exclusive), in the budget's zone; null for all time.</param>
public readonly record struct BudgetPeriod(BudgetPeriodKind Kind, DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>Gets the period that holds every moment.</summary>
    public static BudgetPeriod AllTime { get; } = new(BudgetPeriodKind.Total, null, null);

    /// <summary>
    /// Gets the period of a kind that contains a moment, in a time zone.
    /// </summary>
    /// <param name="kind">The kind of period.</param>
    /// <param name="instant">The moment.</param>
    /// <param name="zone">The zone whose calendar gives days, weeks and months.</param>
    /// <returns>The period.</returns>
    public static BudgetPeriod Containing(BudgetPeriodKind kind, DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unit = kind switch
        {
            BudgetPeriodKind.Total => (CalendarUnit?)null,
            BudgetPeriodKind.Day => CalendarUnit.Day,
            BudgetPeriodKind.Week => CalendarUnit.Week,
            BudgetPeriodKind.Month => CalendarUnit.Month,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A budget period is total, day, week or month."),
        };
        if (unit is not { } calendarUnit)
        {
            return AllTime;
        }

        var period = CalendarPeriod.Containing(calendarUnit, instant, zone);
        return new BudgetPeriod(kind, period.Start, period.End);
    }

    /// <summary>Gets a value indicating whether a moment falls in the period.</summary>
    /// <param name="instant">The moment.</param>
    /// <returns>True when <paramref name="instant"/> is at or after the start and before the end.</returns>
    public bool Contains(DateTimeOffset instant) => Range.Includes(instant);

    /// <summary>Gets the period as a window of moments, which holds the one rule of half-open intervals.</summary>
    internal TimeRange Range => new(Start, End);
}
