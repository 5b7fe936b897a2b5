namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// Where a budget stands in its current period: what was spent, what is reserved, and what is left.
/// </summary>
/// <param name="Policy">The budget.</param>
/// <param name="Period">Its current period.</param>
/// <param name="SpentUsd">The spend of the sessions that started in the period and that the budget covers.</param>
/// <param name="ReservedUsd">The money held by the reservations that count in the period and have not expired.</param>
public sealed record BudgetStanding(BudgetPolicy Policy, BudgetPeriod Period, decimal SpentUsd, decimal ReservedUsd)
{
    /// <summary>Gets the identifiers of the reservations counted in <see cref="ReservedUsd"/>, oldest first.</summary>
    public IReadOnlyList<string> ReservationIds { get; init; } = [];

    /// <summary>Gets the budget's limit in US dollars.</summary>
    public decimal LimitUsd => Policy.LimitUsd;

    /// <summary>Gets the money spent or reserved.</summary>
    public decimal CommittedUsd => Saturating.Add(SpentUsd, ReservedUsd);

    /// <summary>Gets what is left to reserve, never below zero.</summary>
    public decimal RemainingUsd => Math.Max(0m, Left());

    /// <summary>Gets the money spent or reserved as a percentage of the limit; a zero limit is 0 % when nothing is committed, else 100 %.</summary>
    public decimal UsedPercent => LimitUsd == 0m
        ? (CommittedUsd > 0m ? 100m : 0m)
        : Saturating.Percent(CommittedUsd, LimitUsd);

    /// <summary>Gets a value indicating whether more is spent or reserved than the limit allows.</summary>
    public bool Exceeded => Left() < 0m;

    /// <summary>Gets a value indicating whether the money spent or reserved has passed the budget's warning share.</summary>
    public bool Warns => Policy.WarnAtPercent is { } warnAt && UsedPercent > warnAt;

    /// <summary>
    /// Gets a value indicating whether another amount fits: spent plus reserved plus the amount is at most the limit.
    /// </summary>
    /// <param name="amountUsd">The amount to reserve.</param>
    /// <returns>True when the amount fits.</returns>
    public bool Admits(decimal amountUsd) => amountUsd <= Left();

    /// <summary>Gets the standing with another amount reserved.</summary>
    /// <param name="amountUsd">The amount reserved.</param>
    /// <returns>The new standing.</returns>
    public BudgetStanding WithReserved(decimal amountUsd) => this with { ReservedUsd = Saturating.Add(ReservedUsd, amountUsd) };

    /// <summary>
    /// Gets limit − spent − reserved, counted down from the limit so that no sum of large figures overflows: a
    /// negative value (possibly <see cref="decimal.MinValue"/> for any shortfall too large to hold) means over the limit.
    /// </summary>
    private decimal Left()
    {
        var afterSpend = LimitUsd - SpentUsd;
        if (afterSpend >= 0m || ReservedUsd <= 0m)
        {
            return afterSpend - ReservedUsd;
        }

        return ReservedUsd > afterSpend - decimal.MinValue ? decimal.MinValue : afterSpend - ReservedUsd;
    }
}
