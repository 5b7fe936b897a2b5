using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>
/// The budgets, reservations and recorded spend of the state folder, as read for one step; the spend comes from the
/// history's <see cref="SpendSummary"/>, got when it is first asked for (a state folder without budgets needs none).
/// </summary>
internal sealed class FileBudgetLedger : IBudgetLedger
{
    private readonly Func<CancellationToken, ValueTask<SpendSummary>> _readSummary;
    private SpendSummary? _summary;

    public FileBudgetLedger(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations, Func<CancellationToken, ValueTask<SpendSummary>> readSummary)
    {
        Budgets = budgets;
        Reservations = reservations;
        _readSummary = readSummary;
    }

    public IReadOnlyList<BudgetPolicy> Budgets { get; }

    public IReadOnlyList<Reservation> Reservations { get; }

    public async ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken) =>
        (await SummaryAsync(cancellationToken).ConfigureAwait(false)).Spent(period, sessionType);

    public async ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? new Dictionary<string, decimal>() : (await SummaryAsync(cancellationToken).ConfigureAwait(false)).Recorded(ids);
    }

    private async ValueTask<SpendSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _summary ??= await _readSummary(cancellationToken).ConfigureAwait(false);
    }
}
