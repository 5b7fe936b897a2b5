namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// The admission rule of budgets and reservations, as pure functions: no clock, no store.
/// </summary>
internal static class BudgetRules
{
    /// <summary>Budget names are compared without regard to case.</summary>
    public static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Gets the budgets a gate checks, in the order they were set: every budget that covers the type (every budget when
    /// the run has no type), and the named ones besides; a name adds a budget, never removes one.
    /// </summary>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    public static IReadOnlyList<BudgetPolicy> Applicable(IReadOnlyList<BudgetPolicy> budgets, string? sessionType, IReadOnlyCollection<string> names)
    {
        var named = names.Select(name => Find(budgets, name).Name).ToHashSet(Names);
        return [.. budgets.Where(budget => CoversRun(budget, sessionType) || named.Contains(budget.Name))];
    }

    /// <summary>
    /// Gets a value indicating whether a budget covers a run of a type: a run without a type may be of any type, so
    /// every budget covers it.
    /// </summary>
    public static bool CoversRun(BudgetPolicy budget, string? sessionType) => sessionType is null || budget.Covers(sessionType);

    /// <summary>Gets the named budgets, or all of them when no name is given.</summary>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    public static IReadOnlyList<BudgetPolicy> Named(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyCollection<string> names) =>
        names.Count == 0 ? budgets : [.. names.Distinct(Names).Select(name => Find(budgets, name))];

    /// <summary>
    /// Gets a value indicating whether a reservation counts against a budget: the budget covers its type (every budget
    /// covers a reservation without a type), or the gate named it.
    /// </summary>
    public static bool Counts(BudgetPolicy budget, Reservation reservation) =>
        CoversRun(budget, reservation.SessionType) || reservation.Budgets.Contains(budget.Name, Names);

    /// <summary>Gets the reservations that count against a budget in a period and have not expired.</summary>
    public static IEnumerable<Reservation> Counted(BudgetPolicy budget, BudgetPeriod period, IEnumerable<Reservation> reservations, DateTimeOffset now) =>
        reservations.Where(reservation => reservation.IsActiveAt(now) && period.Contains(reservation.CreatedAt) && Counts(budget, reservation));

    /// <summary>Adds up the reservations that count against a budget in a period and have not expired.</summary>
    public static decimal Reserved(BudgetPolicy budget, BudgetPeriod period, IEnumerable<Reservation> reservations, DateTimeOffset now)
    {
        var total = 0m;
        foreach (var reservation in Counted(budget, period, reservations, now))
        {
            total = Saturating.Add(total, reservation.AmountUsd);
        }

        return total;
    }

    /// <summary>Gets a value indicating whether an amount fits every budget: spent plus reserved plus the amount is at most each limit.</summary>
    public static bool Admits(IEnumerable<BudgetStanding> standings, decimal amountUsd) =>
        standings.All(standing => standing.Admits(amountUsd));

    /// <summary>
    /// Gets the identifiers of the reservations the next write sweeps: those expired for longer than
    /// <see cref="Reservation.KeptAfterExpiry"/>.
    /// </summary>
    public static IReadOnlyList<string> Expired(IEnumerable<Reservation> reservations, DateTimeOffset now) =>
        [.. reservations.Where(reservation => reservation.IsSweptAt(now)).Select(reservation => reservation.Id)];

    /// <summary>Finds a budget by name.</summary>
    /// <exception cref="BudgetNotFoundException">There is none.</exception>
    public static BudgetPolicy Find(IReadOnlyList<BudgetPolicy> budgets, string name) =>
        budgets.FirstOrDefault(budget => Names.Equals(budget.Name, name))
        ?? throw new BudgetNotFoundException($"there is no budget named \"{name}\"");
}
