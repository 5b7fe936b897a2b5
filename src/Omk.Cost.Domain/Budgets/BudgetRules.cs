namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// The admission rule of budgets and reservations, as pure functions: no clock, no store.
/// </summary>
internal static class BudgetRules
{
    /// <summary>Budget names are compared without regard to case.</summary>
    public static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Gets the budgets a gate checks: the named ones when names are given, else every budget that covers the type.
    /// </summary>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    public static IReadOnlyList<BudgetPolicy> Applicable(IReadOnlyList<BudgetPolicy> budgets, string? sessionType, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return [.. budgets.Where(budget => budget.Covers(sessionType))];
        }

        return [.. names.Distinct(Names).Select(name => Find(budgets, name))];
    }

    /// <summary>Gets the named budgets, or all of them when no name is given.</summary>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    public static IReadOnlyList<BudgetPolicy> Named(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyCollection<string> names) =>
        names.Count == 0 ? budgets : [.. names.Distinct(Names).Select(name => Find(budgets, name))];

    /// <summary>Gets a value indicating whether a reservation counts against a budget: it covers the type, or the gate named it.</summary>
    public static bool Counts(BudgetPolicy budget, Reservation reservation) =>
        budget.Covers(reservation.SessionType) || reservation.Budgets.Contains(budget.Name, Names);

    /// <summary>Adds up the reservations that count against a budget in a period and have not expired.</summary>
    public static decimal Reserved(BudgetPolicy budget, BudgetPeriod period, IEnumerable<Reservation> reservations, DateTimeOffset now)
    {
        var total = 0m;
        foreach (var reservation in reservations)
        {
            if (reservation.IsActiveAt(now) && period.Contains(reservation.CreatedAt) && Counts(budget, reservation))
            {
                total = Saturating.Add(total, reservation.AmountUsd);
            }
        }

        return total;
    }

    /// <summary>Gets a value indicating whether an amount fits every budget: spent plus reserved plus the amount is at most each limit.</summary>
    public static bool Admits(IEnumerable<BudgetStanding> standings, decimal amountUsd) =>
        standings.All(standing => standing.Admits(amountUsd));

    /// <summary>Gets the identifiers of the reservations that expired by a moment, for the next write to sweep.</summary>
    public static IReadOnlyList<string> Expired(IEnumerable<Reservation> reservations, DateTimeOffset now) =>
        [.. reservations.Where(reservation => !reservation.IsActiveAt(now)).Select(reservation => reservation.Id)];

    /// <summary>Finds a budget by name.</summary>
    /// <exception cref="BudgetNotFoundException">There is none.</exception>
    public static BudgetPolicy Find(IReadOnlyList<BudgetPolicy> budgets, string name) =>
        budgets.FirstOrDefault(budget => Names.Equals(budget.Name, name))
        ?? throw new BudgetNotFoundException($"there is no budget named \"{name}\"");
}
