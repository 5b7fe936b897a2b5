using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

/// <summary>A budget store that cannot be reached: every step throws <see cref="CostStoreUnavailableException"/>.</summary>
internal sealed class UnavailableBudgetStore : IBudgetStore
{
    public static readonly CostStoreUnavailableException Down = new("could not reach the team store db.example/omk");

    public Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken) =>
        throw Down;

    public Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken) =>
        throw Down;
}
