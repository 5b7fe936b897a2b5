namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// A budget: how much may be spent in each period, optionally only by sessions of one type.
/// </summary>
public sealed record BudgetPolicy
{
    /// <summary>Gets the budget's name, unique in its store.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the most that may be spent (and reserved) in one period, in US dollars.</summary>
    public required decimal LimitUsd { get; init; }

    /// <summary>Gets how long one period lasts.</summary>
    /// <value>The default value is <see cref="BudgetPeriodKind.Total"/>.</value>
    public BudgetPeriodKind Period { get; init; } = BudgetPeriodKind.Total;

    /// <summary>
    /// Gets the session type the budget covers, compared case-insensitively, or null when it covers every session.
    /// </summary>
    public string? SessionType { get; init; }

    /// <summary>
    /// Gets the share of the limit, in percent, past which every command that reads the budget warns; null for no warning.
    /// </summary>
    public decimal? WarnAtPercent { get; init; }

    /// <summary>
    /// Gets the identifier of the time zone the budget was set in, whose calendar gives its days, weeks and months.
    /// </summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZoneId { get; init; } = TimeZoneInfo.Utc.Id;

    /// <summary>Gets a value indicating whether sessions and reservations of a type count against this budget.</summary>
    /// <param name="sessionType">The type, or null when not known.</param>
    /// <returns>True when the budget covers every type, or <paramref name="sessionType"/> is its type in any case.</returns>
    public bool Covers(string? sessionType) =>
        SessionType is null || string.Equals(SessionType, sessionType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks that the policy can be stored.</summary>
    /// <exception cref="ArgumentException">The name is empty, the limit is negative, the type is blank, or the warning is not above 0 and at most 100 percent.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A budget needs a name.", nameof(Name));
        }

        if ((SessionText.FindProblem(Name, "the budget's name") ?? SessionText.FindProblem(SessionType, "the budget's session type")) is { } problem)
        {
            throw new ArgumentException(problem, nameof(Name));
        }

        if (LimitUsd < 0m)
        {
            throw new ArgumentException($"The limit of budget \"{Name}\" cannot be negative.", nameof(LimitUsd));
        }

        if (!Enum.IsDefined(Period))
        {
            throw new ArgumentException($"The period of budget \"{Name}\" must be total, day, week or month.", nameof(Period));
        }

        if (SessionType is not null && string.IsNullOrWhiteSpace(SessionType))
        {
            throw new ArgumentException($"The session type of budget \"{Name}\" must not be blank.", nameof(SessionType));
        }

        if (WarnAtPercent is { } warnAt && (warnAt <= 0m || warnAt > 100m))
        {
            throw new ArgumentException($"The warning of budget \"{Name}\" must be above 0 and at most 100 percent.", nameof(WarnAtPercent));
        }

        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            throw new ArgumentException($"Budget \"{Name}\" needs a time zone.", nameof(TimeZoneId));
        }
    }
}
