namespace Omk.Cost.Domain.Time;

/// <summary>
/// A calendar period of a time zone: the unit in which reports group sessions and periodic budgets reset.
/// </summary>
internal enum CalendarUnit
{
    /// <summary>A calendar day, from one local midnight to the next.</summary>
    Day,

    /// <summary>An ISO 8601 week, from Monday's local midnight to the next Monday's.</summary>
    Week,

    /// <summary>A calendar month, from the first day's local midnight to the next month's.</summary>
    Month,
}
