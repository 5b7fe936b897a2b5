using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>What an agent session (a Kimi session, live or ended) has spent so far, as its logs show.</summary>
/// <param name="LedgerId">The id the session has, or would have, once imported into the ledger (<c>kimi:&lt;session id&gt;</c>).</param>
/// <param name="LastActiveAt">The last moment its log records.</param>
/// <param name="SpentUsd">What it spent so far, priced, in US dollars (a call of a model without a price counts nothing).</param>
public sealed record LiveSessionSpend(string LedgerId, DateTimeOffset LastActiveAt, decimal SpentUsd)
{
    /// <summary>Gets when the session started: the period of a budget it counts in.</summary>
    /// <value>The default value is <see cref="LastActiveAt"/>.</value>
    public DateTimeOffset StartedAt { get; init; } = LastActiveAt;

    /// <summary>Gets the session type an import records it under (<c>kimi</c>), or null for none: only budgets of every type count it.</summary>
    public string? SessionType { get; init; }

    /// <summary>
    /// Gets the session that an import records of it (<c>omk cost import kimi</c>), or null when it cannot be recorded
    /// (a call of a model without a price).
    /// </summary>
    public SessionCost? Record { get; init; }

    /// <summary>
    /// Gets what this session adds to the spend of a budget's period and type, beside what the ledger holds of it: what
    /// it spent beyond the recorded amount of the same id (all of it when the ledger does not hold it), never below zero,
    /// so that no call is counted twice; nothing when it did not start in the period or is not of the type.
    /// </summary>
    /// <param name="period">The budget's period.</param>
    /// <param name="sessionType">The budget's type, or null for every type.</param>
    /// <param name="recordedUsd">What the ledger holds of the session, or null when it does not hold it.</param>
    /// <returns>The spend in US dollars.</returns>
    internal decimal UnrecordedUsd(BudgetPeriod period, string? sessionType, decimal? recordedUsd) =>
        BudgetSpend.Counts(StartedAt, SessionType, period, sessionType) ? UnrecordedUsd(recordedUsd) : 0m;

    /// <summary>Gets what this session spent beyond what the ledger holds of it (all of it when it holds nothing), never below zero.</summary>
    /// <param name="recordedUsd">What the ledger holds of the session, or null when it does not hold it.</param>
    /// <returns>The spend in US dollars.</returns>
    internal decimal UnrecordedUsd(decimal? recordedUsd) => Math.Max(0m, SpentUsd - (recordedUsd ?? 0m));
}
