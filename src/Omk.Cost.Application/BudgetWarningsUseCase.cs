using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// Finds where the budgets that have a warning share stand, after a step that changed the spend (a settle, a release,
/// a budget set): reading their standings only when one has a warning share.
/// </summary>
public sealed class BudgetWarningsUseCase
{
    private readonly BudgetGate _gate;

    /// <summary>Initializes a new instance of the <see cref="BudgetWarningsUseCase"/> class.</summary>
    /// <param name="gate">The budget gate.</param>
    public BudgetWarningsUseCase(BudgetGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
    }

    /// <summary>Gets the standings of the budgets that have a warning share.</summary>
    /// <param name="budgets">The budgets as the caller already read them, or null to read them.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The standings, empty when no budget has a warning share.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public async Task<IReadOnlyList<BudgetStanding>> CheckAsync(IReadOnlyList<BudgetPolicy>? budgets = null, CancellationToken cancellationToken = default)
    {
        budgets ??= await _gate.ListBudgetsAsync(cancellationToken).ConfigureAwait(false);
        var warned = budgets.Where(static budget => budget.WarnAtPercent is not null).Select(static budget => budget.Name).ToList();
        return warned.Count == 0 ? [] : await _gate.CheckAsync(warned, cancellationToken).ConfigureAwait(false);
    }
}
