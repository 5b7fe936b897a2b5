namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What a settle or a release did.
/// </summary>
/// <param name="State">What it found of the reservation.</param>
/// <param name="Reservation">The reservation it removed, or null when there was none.</param>
public sealed record ReservationOutcome(ReservationState State, Reservation? Reservation);
