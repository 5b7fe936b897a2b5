namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// How long one period of a budget lasts. Days, weeks and months are the calendar periods of the zone the budget
/// was set in; weeks are ISO weeks, Monday first.
/// </summary>
public enum BudgetPeriodKind
{
    /// <summary>All time: the budget never starts again.</summary>
    Total,

    /// <summary>One calendar day.</summary>
    Day,

    /// <summary>One ISO week, from Monday to Sunday.</summary>
    Week,

    /// <summary>One calendar month.</summary>
    Month,
}
