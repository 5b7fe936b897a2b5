namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What a settle or a release found of its reservation.
/// </summary>
public enum ReservationState
{
    /// <summary>The reservation was active; it is removed.</summary>
    Active,

    /// <summary>The reservation had expired and no longer counted; it is removed.</summary>
    Expired,

    /// <summary>There is no such reservation: it never existed, or it expired and was swept.</summary>
    NotFound,
}
