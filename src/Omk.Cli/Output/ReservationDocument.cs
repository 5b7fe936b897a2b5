using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Output;

/// <summary>One reservation in the <c>--json</c> document of <c>omk cost reservations list</c>.</summary>
/// <param name="Id">The reservation's id, as its gate printed it.</param>
/// <param name="Name">The run's name, or null.</param>
/// <param name="SessionType">The run's type fixed at the gate, or null for a run that counts against every budget.</param>
/// <param name="Usd">The amount held.</param>
/// <param name="User">Who made it, or null when the store keeps no name.</param>
/// <param name="Host">The machine it was made on, or null when the store keeps no name.</param>
/// <param name="CreatedAt">When the gate admitted the run, in RFC 3339 UTC.</param>
/// <param name="ExpiresAt">When it stops counting, in RFC 3339 UTC.</param>
/// <param name="Active">Whether it still holds its money.</param>
/// <param name="Budgets">The budgets named at its gate, besides those that cover its type.</param>
internal sealed record ReservationDocument(
    string Id,
    string? Name,
    string? SessionType,
    decimal Usd,
    string? User,
    string? Host,
    string CreatedAt,
    string ExpiresAt,
    bool Active,
    IReadOnlyList<string> Budgets)
{
    /// <summary>Creates the document of a reservation.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="asOf">The store's time it was read at.</param>
    /// <returns>The document.</returns>
    public static ReservationDocument From(Reservation reservation, DateTimeOffset asOf) => new(
        reservation.Id,
        reservation.Name,
        reservation.SessionType,
        reservation.AmountUsd,
        reservation.User,
        reservation.Host,
        Rfc3339.Format(reservation.CreatedAt),
        Rfc3339.Format(reservation.ExpiresAt),
        reservation.IsActiveAt(asOf),
        reservation.Budgets);
}
