using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>What became of a session that <see cref="RecordUseCase"/> recorded or settled.</summary>
public sealed record RecordResult
{
    /// <summary>Gets where the session went, for messages: the store, or its outbox when the store could not be reached.</summary>
    public required string StoredIn { get; init; }

    /// <summary>Gets why the store could not be reached when the session was kept in the outbox; null when it was stored.</summary>
    public CostStoreUnavailableException? KeptInOutboxBecause { get; init; }

    /// <summary>Gets the reservation the record was to settle, or null for a plain record.</summary>
    public string? ReservationId { get; init; }

    /// <summary>
    /// Gets what was found of the reservation when it was settled; null for a plain record, for a reservation no store
    /// holds, and for a settle kept in the outbox (the reservation is then settled when the outbox is sent).
    /// </summary>
    public ReservationOutcome? Settled { get; init; }
}
