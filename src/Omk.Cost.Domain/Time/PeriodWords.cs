using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Time;

/// <summary>
/// The words that name periods wherever a person reads or types them: <c>--period</c> and <c>--by</c>, the reports'
/// titles, the status line, and <c>budgets.json</c> (which the Rust omk never wrote, so it uses the same words).
/// </summary>
internal static class PeriodWords
{
    /// <summary>All time.</summary>
    public const string Total = "total";

    /// <summary>A calendar day.</summary>
    public const string Day = "day";

    /// <summary>An ISO week, Monday first.</summary>
    public const string Week = "week";

    /// <summary>A calendar month.</summary>
    public const string Month = "month";

    /// <summary>The day now, as the status line names a daily budget's period.</summary>
    public const string Today = "today";

    /// <summary>Gets the word of a budget's period.</summary>
    /// <param name="kind">The period's kind.</param>
    /// <returns><c>total</c>, <c>day</c>, <c>week</c> or <c>month</c>.</returns>
    public static string Of(BudgetPeriodKind kind) => kind switch
    {
        BudgetPeriodKind.Day => Day,
        BudgetPeriodKind.Week => Week,
        BudgetPeriodKind.Month => Month,
        _ => Total,
    };

    /// <summary>Reads the word of a budget's period, in any case.</summary>
    /// <param name="text">The word.</param>
    /// <param name="kind">The period's kind, when the word names one.</param>
    /// <returns>True when the word names a period.</returns>
    public static bool TryParse(string? text, out BudgetPeriodKind kind)
    {
        (var known, kind) = text?.ToLowerInvariant() switch
        {
            Total => (true, BudgetPeriodKind.Total),
            Day => (true, BudgetPeriodKind.Day),
            Week => (true, BudgetPeriodKind.Week),
            Month => (true, BudgetPeriodKind.Month),
            _ => (false, default),
        };
        return known;
    }
}
