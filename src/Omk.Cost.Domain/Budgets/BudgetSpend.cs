namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// The rule by which recorded sessions count against a budget, for stores that add up the spend themselves.
/// </summary>
/// <remarks>
/// A session counts in the period in which it started, when the budget covers its type (compared case-insensitively),
/// with its <see cref="SessionCost.EffectiveUsd"/>: the actual cost where known, else the estimate.
/// </remarks>
internal static class BudgetSpend
{
    /// <summary>Gets a value indicating whether a session counts in a period for a session-type scope.</summary>
    /// <param name="session">The session.</param>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The scope's type, or null for every type.</param>
    /// <returns>True when the session started in the period and is of the type.</returns>
    public static bool Counts(SessionCost session, BudgetPeriod period, string? sessionType)
    {
        ArgumentNullException.ThrowIfNull(session);
        return period.Contains(session.StartedAt) && Covers(sessionType, session.SessionType);
    }

    /// <summary>Gets a value indicating whether a scope's type covers a session's type (case-insensitively; every type when null).</summary>
    /// <param name="scope">The scope's type, or null for every type.</param>
    /// <param name="sessionType">The session's type.</param>
    /// <returns>True when sessions of <paramref name="sessionType"/> count for the scope.</returns>
    internal static bool Covers(string? scope, string sessionType) =>
        scope is null || string.Equals(sessionType, scope, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Adds up spend kept in columns, one entry a session in the ledger's order, by the rule and in the order of
    /// <see cref="Total(IEnumerable{SessionCost}, BudgetPeriod, string?)"/>, so that both give the same sum to the last digit.
    /// </summary>
    /// <param name="startedUtcTicks">When each session started, in UTC ticks.</param>
    /// <param name="typeIndexes">Each session's type, as an index into <paramref name="typeCounts"/>.</param>
    /// <param name="spend">Each session's <see cref="SessionCost.EffectiveUsd"/>.</param>
    /// <param name="typeCounts">For each type, whether the scope covers it (<see cref="Covers"/>).</param>
    /// <param name="period">The period.</param>
    /// <returns>The spend in US dollars.</returns>
    /// <exception cref="ArgumentException">The columns do not have the same length.</exception>
    internal static decimal Total(ReadOnlySpan<long> startedUtcTicks, ReadOnlySpan<int> typeIndexes, ReadOnlySpan<decimal> spend, ReadOnlySpan<bool> typeCounts, BudgetPeriod period)
    {
        if (typeIndexes.Length != startedUtcTicks.Length || spend.Length != startedUtcTicks.Length)
        {
            throw new ArgumentException("Every column must have one entry a session.", nameof(spend));
        }

        var from = period.Start?.UtcTicks ?? long.MinValue;
        var until = period.End?.UtcTicks;
        var total = 0m;
        for (var index = 0; index < startedUtcTicks.Length; index++)
        {
            var ticks = startedUtcTicks[index];
            if (ticks >= from && (until is not { } end || ticks < end) && typeCounts[typeIndexes[index]])
            {
                total = Saturating.Add(total, spend[index]);
            }
        }

        return total;
    }

    /// <summary>Gets a value indicating whether a session that started at a moment, of a type, counts in a period for a session-type scope.</summary>
    /// <param name="startedAt">When the session started.</param>
    /// <param name="type">The session's type, or null for none.</param>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The scope's type, or null for every type.</param>
    /// <returns>True when the session started in the period and is of the type.</returns>
    public static bool Counts(DateTimeOffset startedAt, string? type, BudgetPeriod period, string? sessionType) =>
        period.Contains(startedAt) && (sessionType is null || (type is not null && Covers(sessionType, type)));

    /// <summary>Adds up the spend of the sessions that count in a period for a scope, saturating instead of overflowing.</summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The scope's type, or null for every type.</param>
    /// <returns>The spend in US dollars.</returns>
    public static decimal Total(IEnumerable<SessionCost> sessions, BudgetPeriod period, string? sessionType)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var total = 0m;
        foreach (var session in sessions)
        {
            if (Counts(session, period, sessionType))
            {
                total = Saturating.Add(total, session.EffectiveUsd);
            }
        }

        return total;
    }

    /// <summary>
    /// Gets the spend recorded under some session ids: for each id, the <see cref="SessionCost.EffectiveUsd"/> of the
    /// last session (in the ledger's order) that has it.
    /// </summary>
    /// <param name="sessions">The sessions, in the ledger's order.</param>
    /// <param name="ids">The ids, compared exactly.</param>
    /// <returns>The spend of each id found; ids not found are left out.</returns>
    public static IReadOnlyDictionary<string, decimal> Recorded(IEnumerable<SessionCost> sessions, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return found;
        }

        var wanted = ids as IReadOnlySet<string> ?? new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            if (session.Id is { } id && wanted.Contains(id))
            {
                found[id] = session.EffectiveUsd;
            }
        }

        return found;
    }
}
