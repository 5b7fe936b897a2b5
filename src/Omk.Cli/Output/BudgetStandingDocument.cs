using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Output;

/// <summary>Where one budget stands, in the <c>--json</c> documents of <c>omk cost budget check</c> and <c>omk cost gate</c>.</summary>
/// <param name="Name">The budget's name.</param>
/// <param name="Period">The budget's period: total, day, week or month.</param>
/// <param name="PeriodStart">When the current period started, with the offset of the budget's zone; null for all time.</param>
/// <param name="PeriodEnd">When it ends (exclusive), with the offset of the budget's zone; null for all time.</param>
/// <param name="LimitUsd">The limit.</param>
/// <param name="SpentUsd">The spend of the period's sessions: actual costs where known, estimates elsewhere.</param>
/// <param name="ReservedUsd">The money held by the period's active reservations.</param>
/// <param name="RemainingUsd">What is left to reserve, never below zero.</param>
/// <param name="Percent">The money spent or reserved, in percent of the limit.</param>
/// <param name="Exceeded">Whether more is spent or reserved than the limit.</param>
/// <param name="ReservationIds">The ids of the reservations counted in <paramref name="ReservedUsd"/> ('omk cost reservations' shows them).</param>
internal sealed record BudgetStandingDocument(
    string Name,
    string Period,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    decimal LimitUsd,
    decimal SpentUsd,
    decimal ReservedUsd,
    decimal RemainingUsd,
    decimal Percent,
    bool Exceeded,
    IReadOnlyList<string> ReservationIds)
{
    /// <summary>Creates the document of a standing.</summary>
    /// <param name="standing">The standing.</param>
    /// <returns>The document.</returns>
    public static BudgetStandingDocument From(BudgetStanding standing) => new(
        standing.Policy.Name,
        BudgetText.Period(standing.Policy.Period),
        standing.Period.Start,
        standing.Period.End,
        standing.LimitUsd,
        standing.SpentUsd,
        standing.ReservedUsd,
        standing.RemainingUsd,
        decimal.Round(standing.UsedPercent, 2, MidpointRounding.AwayFromZero),
        standing.Exceeded,
        standing.ReservationIds);
}
