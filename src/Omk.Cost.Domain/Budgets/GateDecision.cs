namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What a gate decided: a reservation when the amount fits every budget it checked, else nothing.
/// </summary>
/// <param name="AmountUsd">The amount asked for.</param>
/// <param name="Reservation">The reservation written, or null when the gate refused.</param>
/// <param name="Budgets">
/// The budgets checked: when admitted, as they stand with the reservation; when refused, as they stand without it.
/// </param>
public sealed record GateDecision(decimal AmountUsd, Reservation? Reservation, IReadOnlyList<BudgetStanding> Budgets)
{
    /// <summary>Gets a value indicating whether the gate admitted the run.</summary>
    public bool Admitted => Reservation is not null;

    /// <summary>Gets the budgets the amount would exceed; empty when admitted.</summary>
    public IReadOnlyList<BudgetStanding> Exceeding =>
        Admitted ? [] : [.. Budgets.Where(standing => !standing.Admits(AmountUsd))];
}
