using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// Sends a local history and the outbox to the team store, idempotently: sessions without an id first get one from
/// their content (written back to the source), so that a later sync recognises them, and every session is stored by id;
/// a settle kept in the outbox settles its reservation as it is sent (<see cref="OutboxSending"/>).
/// </summary>
public sealed class SyncUseCase
{
    private readonly ICostSink _store;
    private readonly ICostOutbox? _outbox;

    /// <summary>Initializes a new instance of the <see cref="SyncUseCase"/> class.</summary>
    /// <param name="store">The team store (without its outbox).</param>
    /// <param name="outbox">The team store's outbox, or null.</param>
    public SyncUseCase(ICostSink store, ICostOutbox? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _outbox = outbox;
    }

    /// <summary>
    /// Gets the team store's budget gate, which settles the reservation of each settle kept in the outbox as it is sent;
    /// without one such a session is sent alone and its reservation counts until it is released or expires.
    /// <see cref="OmkCostServiceCollectionExtensions.AddOmkCost"/> sets it.
    /// </summary>
    public BudgetGate? Gate { get; init; }

    /// <summary>Sends the outbox, then every session of <paramref name="source"/>.</summary>
    /// <param name="source">The local history (a state folder's <c>costs.json</c>).</param>
    /// <param name="machine">The machine the local history was recorded on: a session recorded without an id gets one from
    /// its content and this name, so a later sync from the same machine recognises it.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was sent.</returns>
    /// <exception cref="CostStoreException">A store cannot be read or written.</exception>
    public async Task<SyncResult> SyncAsync(ICostSink source, string machine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(machine);
        var ids = new SessionIds(machine);
        var identified = source is ISessionIdAssigner assigner
            ? await assigner.AssignIdsAsync(ids.ContentId, cancellationToken).ConfigureAwait(false)
            : 0;
        var team = new CostTracker(_store);
        var fromOutbox = _outbox is null
            ? 0
            : await OutboxSending.SendAsync(_outbox, (batch, token) => team.UpsertAsync([.. batch.Select(SessionText.MakeSafe)], token), Gate, cancellationToken).ConfigureAwait(false);
        var sessions = await new CostTracker(source).LoadAsync(cancellationToken).ConfigureAwait(false);

        // A history written by another program may hold control characters in a name: sent as they are shown (the
        // ledger's text rule, SessionText), never refused one by one.
        var outcome = sessions.Count == 0 ? default : await team.UpsertAsync([.. sessions.Select(SessionText.MakeSafe)], cancellationToken).ConfigureAwait(false);
        return new SyncResult
        {
            From = source.Location,
            To = _store.Location,
            Sessions = sessions.Count,
            Outcome = outcome,
            FromOutbox = fromOutbox,
            Identified = identified,
        };
    }
}
