namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost budget list</c>.</summary>
/// <param name="Budgets">The budgets, in the order they were first set.</param>
internal sealed record BudgetListDocument(IReadOnlyList<BudgetPolicyDocument> Budgets);
