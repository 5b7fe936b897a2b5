using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>The budgets, reservations and sessions of the state folder, as read for one step.</summary>
internal sealed class FileBudgetLedger(IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations, IReadOnlyList<SessionCost> sessions)
    : IBudgetLedger
{
    public IReadOnlyList<BudgetPolicy> Budgets { get; } = budgets;

    public IReadOnlyList<Reservation> Reservations { get; } = reservations;

    public ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(BudgetSpend.Total(sessions, period, sessionType));
    }
}
