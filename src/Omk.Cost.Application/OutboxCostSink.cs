using System.Runtime.CompilerServices;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// A store that may be out of reach, with a local outbox: a session that cannot be appended because the store is
/// unavailable is kept in the outbox instead, with an id so that sending it twice stores it once; the first operation
/// that reaches the store sends what waits in the outbox before doing its own work (<see cref="OutboxSending"/>: a
/// settle kept there settles its reservation as it is sent).
/// </summary>
internal sealed class OutboxCostSink : ICostSink, ICostSummarySource
{
    private readonly ICostSink _store;
    private readonly ICostOutbox _outbox;
    private readonly BudgetGate? _gate;
    private readonly Action<CostStoreUnavailableException>? _onKeptInOutbox;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private bool _sent;

    public OutboxCostSink(ICostSink store, ICostOutbox outbox, Action<CostStoreUnavailableException>? onKeptInOutbox, BudgetGate? gate = null)
    {
        _store = store;
        _outbox = outbox;
        _gate = gate;
        _onKeptInOutbox = onKeptInOutbox;
    }

    public string Location => _store.Location;

    /// <summary>Gets how many sessions this instance sent from the outbox.</summary>
    public int SentFromOutbox { get; private set; }

    public async Task AppendAsync(SessionCost session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var identified = SessionIds.Identified(session);
        try
        {
            await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
            await _store.AppendAsync(identified, cancellationToken).ConfigureAwait(false);
        }
        catch (CostStoreUnavailableException exception)
        {
            await _outbox.AddAsync(identified, cancellationToken).ConfigureAwait(false);
            _onKeptInOutbox?.Invoke(exception);
        }
    }

    /// <summary>
    /// Keeps a settle's session in an outbox, for a step that could not reach the store: with an id, so that sending it
    /// twice stores it once, and with its reservation, which the send settles in the same step.
    /// </summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="session">The session.</param>
    /// <param name="reservationId">The reservation it settles.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the session is durably kept.</returns>
    public static Task KeepAsync(ICostOutbox outbox, SessionCost session, string reservationId, CancellationToken cancellationToken) =>
        outbox.AddAsync(SessionIds.Identified(session), reservationId, cancellationToken);

    public async Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken)
    {
        await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
        return await _store.UpsertAsync(sessions, mode, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SessionCost> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var session in _store.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return session;
        }
    }

    public async IAsyncEnumerable<CostReportGroup> SummarizeAsync(CostReportQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
        if (_store is ICostSummarySource summary)
        {
            await foreach (var group in summary.SummarizeAsync(query, cancellationToken).ConfigureAwait(false))
            {
                yield return group;
            }

            yield break;
        }

        var report = await CostReport.CreateAsync(_store.ReadAllAsync(cancellationToken), query, cancellationToken).ConfigureAwait(false);
        foreach (var group in report.Groups)
        {
            yield return group;
        }
    }

    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
        return await _store.ExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken)
    {
        // What waits in the outbox is part of the history that is cleared.
        await SendOutboxAsync(cancellationToken).ConfigureAwait(false);
        return await _store.ClearAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what waits in the outbox, once per instance, idempotently (by id), settling the reservations it names.</summary>
    private async Task SendOutboxAsync(CancellationToken cancellationToken)
    {
        if (_sent)
        {
            return;
        }

        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_sent && _outbox.MayHavePending())
            {
                SentFromOutbox += await OutboxSending.SendAsync(
                    _outbox,
                    (batch, token) => _store.UpsertAsync(batch, UpsertMode.Apply, token),
                    _gate,
                    cancellationToken).ConfigureAwait(false);
            }

            _sent = true;
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
