namespace Omk.Cost.Domain;

/// <summary>
/// The port through which <see cref="CostTracker"/> stores sessions. An adapter decides where and how.
/// </summary>
/// <remarks>
/// An implementation must never rewrite, reorder or lose what is stored when it appends, and must be
/// safe to call from several threads at once.
/// </remarks>
public interface ICostSink
{
    /// <summary>
    /// Gets where the sessions are stored, in words fit for a message to a person (a file's full path, a database
    /// without its password).
    /// </summary>
    string Location { get; }

    /// <summary>
    /// Appends one session after those already stored.
    /// </summary>
    /// <param name="session">The session to append.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the session is durably stored.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    Task AppendAsync(SessionCost session, CancellationToken cancellationToken);

    /// <summary>
    /// Stores sessions that carry an <see cref="SessionCost.Id"/>: each replaces the stored session with the same
    /// identity in place, or is appended when there is none. Every other stored session stays as it was. A session
    /// stored exactly as given is left unchanged. With <see cref="UpsertMode.DryRun"/> nothing is written, and the
    /// outcome is what <see cref="UpsertMode.Apply"/> would do to the store as it is now.
    /// </summary>
    /// <param name="sessions">The sessions to store; each must have an identity.</param>
    /// <param name="mode">Whether to store the sessions or only count what storing them would do.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were (or would be) added, replaced and left unchanged.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the stored sessions in the order they were stored, one at a time.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The stored sessions.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    IAsyncEnumerable<SessionCost> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Tells whether the store holds a history at all, readable or not (a file that exists, a table that has rows),
    /// without reading it.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when there is something that <see cref="ClearAsync"/> would remove or move aside.</returns>
    /// <exception cref="CostStoreException">The store cannot be reached.</exception>
    Task<bool> ExistsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Removes every stored session.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was removed, and where unreadable data was moved aside.</returns>
    /// <exception cref="CostStoreException">The store cannot be written.</exception>
    Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken);
}
