namespace Omk.Cost.Domain;

/// <summary>
/// One session waiting in an outbox (<see cref="ICostOutbox"/>), with the reservation it settles when it is sent.
/// </summary>
public sealed class OutboxEntry
{
    /// <summary>Initializes a new instance of the <see cref="OutboxEntry"/> class.</summary>
    /// <param name="session">The session; it has an id, so that sending it twice stores it once.</param>
    /// <param name="reservationId">The reservation its record settles, or null for a session recorded alone.</param>
    public OutboxEntry(SessionCost session, string? reservationId = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        ReservationId = reservationId;
    }

    /// <summary>Gets the session.</summary>
    public SessionCost Session { get; }

    /// <summary>Gets the reservation that sending the session settles (in the same step), or null.</summary>
    public string? ReservationId { get; }
}
