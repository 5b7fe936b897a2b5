using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost budget</c>.</summary>
/// <param name="LimitUsd">The budget.</param>
/// <param name="SpentUsd">The spend: actual costs where known, estimates elsewhere.</param>
/// <param name="RemainingUsd">What is left, never below zero.</param>
/// <param name="Exceeded">Whether the spend is over the limit.</param>
internal sealed record BudgetDocument(decimal LimitUsd, decimal SpentUsd, decimal RemainingUsd, bool Exceeded)
{
    /// <summary>Creates the document of a budget status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The document.</returns>
    public static BudgetDocument From(BudgetStatus status) => new(status.LimitUsd, status.SpentUsd, status.RemainingUsd, status.Exceeded);
}
