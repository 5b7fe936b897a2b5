using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests.Runs;

/// <summary>A team store whose server cannot be reached.</summary>
internal sealed class UnreachableStore : IBudgetStore
{
    public Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken) =>
        throw new CostStoreUnavailableException("cannot reach the team store db.example.com");

    public Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken) =>
        throw new CostStoreUnavailableException("cannot reach the team store db.example.com");
}
