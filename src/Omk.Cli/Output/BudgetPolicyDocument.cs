using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Output;

/// <summary>One budget in the <c>--json</c> document of <c>omk cost budget list</c>.</summary>
/// <param name="Name">The budget's name.</param>
/// <param name="LimitUsd">The limit of each period.</param>
/// <param name="Period">The period: total, day, week or month.</param>
/// <param name="SessionType">The session type it covers, or null for all.</param>
/// <param name="WarnAtPercent">The share of the limit past which commands warn, or null.</param>
/// <param name="TimeZone">The zone whose calendar gives its periods.</param>
internal sealed record BudgetPolicyDocument(string Name, decimal LimitUsd, string Period, string? SessionType, decimal? WarnAtPercent, string TimeZone)
{
    /// <summary>Creates the document of a budget.</summary>
    /// <param name="policy">The budget.</param>
    /// <returns>The document.</returns>
    public static BudgetPolicyDocument From(BudgetPolicy policy) =>
        new(policy.Name, policy.LimitUsd, BudgetText.Period(policy.Period), policy.SessionType, policy.WarnAtPercent, policy.TimeZoneId);
}
