using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>What <see cref="GateUseCase"/> decided for a run.</summary>
public sealed record GateResult
{
    /// <summary>Gets the decision: the reservation, or the budgets the run would exceed.</summary>
    public required GateDecision Decision { get; init; }

    /// <summary>
    /// Gets why the store could not be reached when the run was admitted without checking the budgets (failing open);
    /// null when the store decided.
    /// </summary>
    public CostStoreUnavailableException? AdmittedUncheckedBecause { get; init; }
}
