using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// The budget store as budgets see it when they count real spend: in every step, the spend of a budget's period and
/// type is what the ledger holds plus what the agent's sessions (<see cref="ILiveSpendSource"/>, read when the step first
/// asks for a spend) spent beyond what the ledger holds of each of them (<see cref="LiveSessionSpend.UnrecordedUsd(BudgetPeriod, string?, decimal?)"/>):
/// a session not imported counts whole, an imported one with what it spent after its import, no call twice. Of the
/// sessions a supervised run holds reservations for (<see cref="OwnLiveSessions.Current"/>, in the run's own steps),
/// only what they spent before the run counts, by the same rule (what it holds counts the rest); and a run's steps
/// count without importing.
/// </summary>
/// <remarks>
/// With <c>importInto</c> (a store that several machines share), a step that reads or decides (not a peek) and counts a
/// spend first imports, as <c>omk cost import kimi</c> records them, this machine's sessions that the store does not hold at what
/// they spent, so that every machine's budgets count them; importing again changes nothing.
/// </remarks>
/// <param name="inner">The store.</param>
/// <param name="live">The agent's sessions.</param>
/// <param name="importInto">The store's sessions to import into first, or null to count without importing.</param>
internal sealed class LiveSpendBudgetStore(IBudgetStore inner, ILiveSpendSource live, ICostSink? importInto) : IBudgetStore
{
    /// <inheritdoc/>
    public string ReservationsLocation => inner.ReservationsLocation;

    /// <inheritdoc/>
    public Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var own = OwnLiveSessions.Current;
        return inner.ReadAsync((ledger, token) => read(new Ledger(ledger, this, importFirst: own is null, own?.EarlierUsd), token), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<TResult> PeekAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var own = OwnLiveSessions.Current;
        return inner.PeekAsync((ledger, token) => read(new Ledger(ledger, this, importFirst: false, own?.EarlierUsd), token), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var own = OwnLiveSessions.Current;
        return inner.ChangeAsync((ledger, token) => decide(new Ledger(ledger, this, importFirst: own is null, own?.EarlierUsd), token), cancellationToken);
    }

    /// <summary>
    /// Reads the sessions, when a step first asks for a spend (a step that counts no spend, such as a list, reads no
    /// log); and, for a step that reads or decides on a shared store, imports the ones it does not hold at what they
    /// spent, from outside the step (which counts them either way); of a run's own sessions only what they spent before
    /// the run counts (none at all of a session the run started), and none is imported.
    /// </summary>
    private async Task<IReadOnlyList<LiveSessionSpend>> ReadSessionsAsync(IBudgetLedger ledger, bool importFirst, IReadOnlyDictionary<string, decimal>? own, CancellationToken cancellationToken)
    {
        var sessions = await live.ReadAsync(DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false);
        if (own is { Count: > 0 })
        {
            sessions = [.. sessions
                .Select(session => own.TryGetValue(session.LedgerId, out var earlier) ? session with { SpentUsd = earlier, Record = null } : session)
                .Where(session => session.SpentUsd > 0m || !own.ContainsKey(session.LedgerId))];
        }

        if (importFirst && importInto is not null && sessions.Any(static session => session.Record is not null))
        {
            await ImportAsync(importInto, ledger, sessions, cancellationToken).ConfigureAwait(false);
        }

        return sessions;
    }

    /// <summary>Imports the sessions the store does not hold at what they spent (one cheap read when it holds them all).</summary>
    private static async Task ImportAsync(ICostSink sink, IBudgetLedger ledger, IReadOnlyList<LiveSessionSpend> sessions, CancellationToken cancellationToken)
    {
        var records = sessions.Where(static session => session.Record is not null).ToList();
        var ids = records.Select(static session => session.LedgerId).ToHashSet(StringComparer.Ordinal);
        var recorded = await ledger.RecordedAsync(ids, cancellationToken).ConfigureAwait(false);
        var changed = records
            .Where(session => !recorded.TryGetValue(session.LedgerId, out var usd) || usd != session.Record!.EffectiveUsd)
            .Select(static session => session.Record!)
            .ToList();
        if (changed.Count > 0)
        {
            await sink.UpsertAsync(changed, UpsertMode.Apply, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A step's ledger, with the sessions' unrecorded spend added to the recorded one.</summary>
    private sealed class Ledger(IBudgetLedger inner, LiveSpendBudgetStore store, bool importFirst, IReadOnlyDictionary<string, decimal>? own) : IBudgetLedger
    {
        private IReadOnlyList<LiveSessionSpend>? _sessions;
        private IReadOnlyDictionary<string, decimal>? _recorded;

        public IReadOnlyList<BudgetPolicy> Budgets => inner.Budgets;

        public DateTimeOffset? Now => inner.Now;

        public IReadOnlyList<Reservation> Reservations => inner.Reservations;

        public async ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken) =>
            (await SpentAsync([(period, sessionType)], cancellationToken).ConfigureAwait(false))[0];

        public async ValueTask<IReadOnlyList<decimal>> SpentAsync(IReadOnlyList<(BudgetPeriod Period, string? SessionType)> queries, CancellationToken cancellationToken)
        {
            var sessions = _sessions ??= await store.ReadSessionsAsync(inner, importFirst, own, cancellationToken).ConfigureAwait(false);
            var spent = (await inner.SpentAsync(queries, cancellationToken).ConfigureAwait(false)).ToArray();
            if (sessions.Count == 0)
            {
                return spent;
            }

            _recorded ??= await inner.RecordedAsync(sessions.Select(static session => session.LedgerId).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            for (var index = 0; index < spent.Length; index++)
            {
                foreach (var session in sessions)
                {
                    var unrecorded = session.UnrecordedUsd(queries[index].Period, queries[index].SessionType, _recorded.TryGetValue(session.LedgerId, out var usd) ? usd : null);
                    spent[index] = unrecorded > decimal.MaxValue - spent[index] ? decimal.MaxValue : spent[index] + unrecorded;
                }
            }

            return spent;
        }

        public ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
            inner.RecordedAsync(ids, cancellationToken);
    }
}
