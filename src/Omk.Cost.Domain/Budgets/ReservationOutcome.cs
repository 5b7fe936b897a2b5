namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What a settle or a release did.
/// </summary>
/// <param name="State">What it found of the reservation.</param>
/// <param name="Reservation">The reservation it removed, or null when there was none.</param>
public sealed record ReservationOutcome(ReservationState State, Reservation? Reservation)
{
    /// <summary>
    /// Gets, for a settle, the budgets that count the recorded session (and the reservation's named budgets), as they
    /// stand after it; empty for a release.
    /// </summary>
    public IReadOnlyList<BudgetStanding> Budgets { get; init; } = [];

    /// <summary>
    /// Gets the budgets that a settle took past their limit with money its reservation no longer held (it had expired,
    /// or was swept, and the money may have gone to another run): the session is recorded all the same.
    /// </summary>
    public IReadOnlyList<BudgetStanding> Overshoot =>
        State == ReservationState.Active ? [] : [.. Budgets.Where(static standing => standing.Exceeded)];
}
