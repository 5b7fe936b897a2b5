using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>
/// The budgets, reservations and sessions of the state folder, as read for one step; the sessions are read when a
/// budget's spend is first asked for (a state folder without budgets needs no history).
/// </summary>
internal sealed class FileBudgetLedger : IBudgetLedger
{
    private readonly Func<CancellationToken, ValueTask<IReadOnlyList<SessionCost>>> _readSessions;
    private IReadOnlyList<SessionCost>? _sessions;

    public FileBudgetLedger(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations, IReadOnlyList<SessionCost> sessions)
        : this(budgets, reservations, _ => ValueTask.FromResult(sessions))
    {
        _sessions = sessions;
    }

    public FileBudgetLedger(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations, Func<CancellationToken, ValueTask<IReadOnlyList<SessionCost>>> readSessions)
    {
        Budgets = budgets;
        Reservations = reservations;
        _readSessions = readSessions;
    }

    public IReadOnlyList<BudgetPolicy> Budgets { get; }

    public IReadOnlyList<Reservation> Reservations { get; }

    public async ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sessions ??= await _readSessions(cancellationToken).ConfigureAwait(false);
        return BudgetSpend.Total(_sessions, period, sessionType);
    }

    public async ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sessions ??= await _readSessions(cancellationToken).ConfigureAwait(false);
        return BudgetSpend.Recorded(_sessions, ids);
    }
}
