namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What an extension of a reservation did.
/// </summary>
/// <param name="State">What it found of the reservation.</param>
/// <param name="Reservation">The reservation as it is now: with its new expiry when extended, as it was when refused; null when not found.</param>
/// <param name="Extended">Whether the reservation now lives longer.</param>
public sealed record ReservationExtension(ReservationState State, Reservation? Reservation, bool Extended)
{
    /// <summary>
    /// Gets, for an expired reservation that could not be renewed, the budgets its amount no longer fits (its money
    /// went to other runs); empty otherwise.
    /// </summary>
    public IReadOnlyList<BudgetStanding> Exceeding { get; init; } = [];
}
