namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// The reservations of a store, as they stand at one moment of the store's clock.
/// </summary>
/// <param name="AsOf">The moment: a reservation expired by then no longer counts.</param>
/// <param name="Reservations">Every stored reservation, the expired ones not yet swept included, oldest first.</param>
public sealed record ReservationListing(DateTimeOffset AsOf, IReadOnlyList<Reservation> Reservations);
