namespace Omk.Cost.Domain;

/// <summary>
/// How the recorded spend compares with a budget.
/// </summary>
/// <param name="LimitUsd">The budget in US dollars.</param>
/// <param name="SpentUsd">The spend in US dollars: each session's actual cost when known, otherwise its estimate.</param>
public readonly record struct BudgetStatus(decimal LimitUsd, decimal SpentUsd)
{
    /// <summary>Gets what is left of the budget, never below zero.</summary>
    public decimal RemainingUsd => SpentUsd >= LimitUsd ? 0m : LimitUsd - SpentUsd;

    /// <summary>Gets a value indicating whether the spend is over the limit.</summary>
    public bool Exceeded => SpentUsd > LimitUsd;
}
