namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost budget check</c>.</summary>
/// <param name="Budgets">Where each checked budget stands.</param>
/// <param name="Exceeded">Whether any of them is exceeded.</param>
internal sealed record BudgetCheckDocument(IReadOnlyList<BudgetStandingDocument> Budgets, bool Exceeded);
