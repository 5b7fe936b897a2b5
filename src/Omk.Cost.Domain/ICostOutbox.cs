namespace Omk.Cost.Domain;

/// <summary>
/// A local place where sessions wait while the store they belong to cannot be reached (the team store's outbox).
/// </summary>
/// <remarks>
/// <see cref="AddAsync(SessionCost, CancellationToken)"/> must be as safe as a record (atomic, serialised between processes). <see cref="SendAsync"/>
/// removes only what it handed over and what was sent: a session added meanwhile waits for the next send.
/// </remarks>
public interface ICostOutbox
{
    /// <summary>Gets where the waiting sessions are kept, in words fit for a message.</summary>
    string Location { get; }

    /// <summary>Keeps one session until it is sent.</summary>
    /// <param name="session">The session; it must have an id, so that sending it twice stores it once.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the session is durably kept.</returns>
    /// <exception cref="CostStoreException">The outbox cannot be written.</exception>
    Task AddAsync(SessionCost session, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps one session until it is sent, with the reservation that its record settles: the send stores the session
    /// and settles the reservation in one step (<see cref="SendEntriesAsync"/>).
    /// </summary>
    /// <param name="session">The session; it must have an id, so that sending it twice stores it once.</param>
    /// <param name="reservationId">The reservation the session settles, or null for a session recorded alone.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the session is durably kept.</returns>
    /// <exception cref="CostStoreException">The outbox cannot be written.</exception>
    /// <exception cref="NotSupportedException">This outbox keeps sessions only (the default), and a reservation was given.</exception>
    Task AddAsync(SessionCost session, string? reservationId, CancellationToken cancellationToken) =>
        reservationId is null
            ? AddAsync(session, cancellationToken)
            : throw new NotSupportedException($"the outbox {Location} keeps sessions only, not the reservations they settle");

    /// <summary>
    /// Gets what this outbox set aside because it could not be read (one line each, naming the file and where it went),
    /// so that an unreadable outbox never blocks a command and is still said.
    /// </summary>
    /// <value>The default is none.</value>
    IReadOnlyList<string> SetAside => [];

    /// <summary>Tells, cheaply, whether any session may be waiting.</summary>
    /// <returns><see langword="true"/> when there may be sessions to send.</returns>
    bool MayHavePending();

    /// <summary>
    /// Hands the waiting sessions to <paramref name="send"/>, a batch at a time, and forgets each batch once
    /// <paramref name="send"/> returned. A batch whose send throws stays in the outbox.
    /// </summary>
    /// <param name="send">Stores a batch where it belongs (idempotently, by id).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were sent.</returns>
    /// <exception cref="CostStoreException">The outbox cannot be read or written, or <paramref name="send"/> failed.</exception>
    Task<int> SendAsync(Func<IReadOnlyList<SessionCost>, CancellationToken, Task> send, CancellationToken cancellationToken);

    /// <summary>
    /// Hands the waiting sessions, each with the reservation it settles, to <paramref name="send"/>, a batch at a time,
    /// as <see cref="SendAsync"/> does.
    /// </summary>
    /// <param name="send">Stores a batch where it belongs and settles the reservations it names (idempotently, by id).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were sent.</returns>
    /// <exception cref="CostStoreException">The outbox cannot be read or written, or <paramref name="send"/> failed.</exception>
    Task<int> SendEntriesAsync(Func<IReadOnlyList<OutboxEntry>, CancellationToken, Task> send, CancellationToken cancellationToken) =>
        SendAsync((sessions, token) => send([.. sessions.Select(static session => new OutboxEntry(session))], token), cancellationToken);
}
