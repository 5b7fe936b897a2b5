using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost gate</c> when it admits a run.</summary>
/// <param name="ReservationId">The reservation to settle with <c>record --reservation</c> or give back with <c>release</c>.</param>
/// <param name="Usd">The amount reserved.</param>
/// <param name="ExpiresAt">When the reservation stops counting, in RFC 3339 UTC.</param>
/// <param name="Budgets">The budgets checked, as they stand with the reservation.</param>
internal sealed record GateDocument(string ReservationId, decimal Usd, string ExpiresAt, IReadOnlyList<BudgetStandingDocument> Budgets)
{
    /// <summary>Creates the document of an admitted run.</summary>
    /// <param name="decision">The gate's decision; it must have admitted the run.</param>
    /// <returns>The document.</returns>
    public static GateDocument From(GateDecision decision)
    {
        var reservation = decision.Reservation ?? throw new ArgumentException("The gate refused the run.", nameof(decision));
        return new(reservation.Id, reservation.AmountUsd, Rfc3339.Format(reservation.ExpiresAt), [.. decision.Budgets.Select(BudgetStandingDocument.From)]);
    }
}
