using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>What <see cref="ReservationUseCase.ReleaseAsync"/> found of a reservation.</summary>
public sealed record ReleaseResult
{
    /// <summary>Gets what the store found of the reservation; null for a reservation no store holds.</summary>
    public ReservationOutcome? Outcome { get; init; }

    /// <summary>
    /// Gets a value indicating whether the reservation was admitted while the store could not be reached (failing open)
    /// and so was never stored: there is nothing to give back.
    /// </summary>
    public bool NeverStored => Outcome is null;
}
