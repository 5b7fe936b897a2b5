namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost reservations list</c>.</summary>
/// <param name="AsOf">The store's time the list was read at, in RFC 3339 UTC: a reservation expired by then holds no money.</param>
/// <param name="Reservations">Every stored reservation, the expired ones not yet swept included, oldest first.</param>
internal sealed record ReservationListDocument(string AsOf, IReadOnlyList<ReservationDocument> Reservations);
