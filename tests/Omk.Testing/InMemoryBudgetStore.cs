using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Testing;

/// <summary>
/// An <see cref="IBudgetStore"/> that keeps budgets, reservations and sessions in memory: the tests' and benchmarks'
/// stand-in for a store. One step runs at a time.
/// </summary>
public sealed class InMemoryBudgetStore : IBudgetStore, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<BudgetPolicy> _budgets = [];
    private readonly List<Reservation> _reservations = [];
    private readonly List<SessionCost> _sessions = [];

    public IReadOnlyList<BudgetPolicy> Budgets => _budgets;

    public IReadOnlyList<Reservation> Reservations => _reservations;

    public IReadOnlyList<SessionCost> Sessions => _sessions;

    public async Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await read(Snapshot(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var change = await decide(Snapshot(), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            Apply(change);
            return change.Result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Ledger Snapshot() => new([.. _budgets], [.. _reservations], [.. _sessions]);

    private void Apply<TResult>(BudgetChange<TResult> change)
    {
        if (change.Record is { } session)
        {
            _sessions.Add(session);
        }

        var budgets = change.ApplyTo(_budgets);
        var reservations = change.ApplyTo(_reservations);
        _budgets.Clear();
        _budgets.AddRange(budgets);
        _reservations.Clear();
        _reservations.AddRange(reservations);
    }

    private sealed class Ledger(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations, IReadOnlyList<SessionCost> sessions) : IBudgetLedger
    {
        public IReadOnlyList<BudgetPolicy> Budgets { get; } = budgets;

        public IReadOnlyList<Reservation> Reservations { get; } = reservations;

        public ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken) =>
            ValueTask.FromResult(BudgetSpend.Total(sessions, period, sessionType));

        public ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
            ValueTask.FromResult(BudgetSpend.Recorded(sessions, ids));
    }
}
