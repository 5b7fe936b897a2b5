using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// Records what one session cost, or settles a gate's reservation with it, in the store; a store that cannot be reached
/// keeps the session in its outbox (when it has one), to be sent by the next operation that reaches it.
/// </summary>
/// <remarks>
/// The fallback is <see cref="OutboxCostSink"/>'s: a session kept there gets an id, so that sending it twice stores it
/// once. A settle that cannot reach the store keeps the session the same way, with its reservation: the send stores the
/// session and settles the reservation in one step, once (<see cref="OutboxSending"/>).
/// </remarks>
public sealed class RecordUseCase
{
    private readonly ICostSink _store;
    private readonly BudgetGate _gate;
    private readonly ICostOutbox? _outbox;

    /// <summary>Initializes a new instance of the <see cref="RecordUseCase"/> class.</summary>
    /// <param name="store">The store of sessions (without its outbox).</param>
    /// <param name="gate">The budget gate, which settles reservations.</param>
    /// <param name="outbox">Where sessions wait while the store cannot be reached; null for a store always at hand.</param>
    public RecordUseCase(ICostSink store, BudgetGate gate, ICostOutbox? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(gate);
        _store = store;
        _gate = gate;
        _outbox = outbox;
    }

    /// <summary>
    /// Records a session, or with <paramref name="reservationId"/> settles that reservation with it in one step. A
    /// reservation of a gate that failed open (<see cref="BudgetGate.IsUnstored"/>) is in no store: the session is
    /// recorded alone (by its id, when it has one).
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="reservationId">The reservation to settle, or null.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>Where the session went and what was found of the reservation.</returns>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    /// <exception cref="CostStoreException">The store (or, when it cannot be reached, the outbox) cannot be written.</exception>
    public async Task<RecordResult> RecordAsync(SessionCost session, string? reservationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (reservationId is null || BudgetGate.IsUnstored(reservationId))
        {
            return await RecordAloneAsync(session, reservationId, cancellationToken).ConfigureAwait(false);
        }

        // A session that may go to the outbox takes its id now, so that the settle, a retry and the outbox all send one
        // id: a settle whose answer was lost after it committed is then stored once, not twice.
        session = _outbox is null ? session : SessionIds.Identified(session);
        try
        {
            var settled = await _gate.SettleAsync(reservationId, session, cancellationToken).ConfigureAwait(false);
            return new RecordResult { StoredIn = _store.Location, ReservationId = reservationId, Settled = settled };
        }
        catch (CostStoreUnavailableException exception) when (_outbox is not null)
        {
            await OutboxCostSink.KeepAsync(_outbox, session, reservationId, cancellationToken).ConfigureAwait(false);
            return new RecordResult { StoredIn = _outbox.Location, KeptInOutboxBecause = exception, ReservationId = reservationId };
        }
    }

    /// <summary>
    /// Stores a session by its id as an import does: it replaces the stored session of that id, or is added (a
    /// settle records a session whose id the store holds no second time).
    /// </summary>
    /// <param name="session">The session, with its id.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>Whether it was added, replaced or left unchanged.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    internal Task<UpsertOutcome> ReplaceAsync(SessionCost session, CancellationToken cancellationToken) =>
        new CostTracker(_store).UpsertAsync([session], cancellationToken);

    private async Task<RecordResult> RecordAloneAsync(SessionCost session, string? reservationId, CancellationToken cancellationToken)
    {
        if (_outbox is null)
        {
            // A settle of a gate that failed open stores a session with an id by that id, as a settle gives an id the
            // store holds no second row (a run's resumed session, whose part before the run an import recorded).
            var tracker = new CostTracker(_store);
            if (reservationId is not null && session.Id is not null)
            {
                await tracker.UpsertAsync([session], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await tracker.RecordAsync(session, cancellationToken).ConfigureAwait(false);
            }

            return new RecordResult { StoredIn = _store.Location, ReservationId = reservationId };
        }

        CostStoreUnavailableException? unreachable = null;
        var sink = new OutboxCostSink(_store, _outbox, exception => unreachable = exception, _gate);
        await new CostTracker(sink).RecordAsync(session, cancellationToken).ConfigureAwait(false);
        return new RecordResult
        {
            StoredIn = unreachable is null ? _store.Location : _outbox.Location,
            KeptInOutboxBecause = unreachable,
            ReservationId = reservationId,
        };
    }
}
