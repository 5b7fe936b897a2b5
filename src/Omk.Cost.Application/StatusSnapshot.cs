namespace Omk.Cost.Application;

/// <summary>
/// What <c>omk cost status</c> shows: the ledger's spend today and in the current period, the budget of that period
/// when there is one, the money held by active reservations, and what live Kimi sessions spent that the ledger does
/// not hold yet.
/// </summary>
public sealed record StatusSnapshot
{
    /// <summary>Gets the time zone whose days and months are used.</summary>
    public required TimeZoneInfo Zone { get; init; }

    /// <summary>Gets the spend of sessions that started today: the ledger's, and what agent sessions spent beyond it.</summary>
    public required decimal TodayUsd { get; init; }

    /// <summary>Gets the spend of sessions that started this month: the ledger's, and what agent sessions spent beyond it.</summary>
    public required decimal MonthUsd { get; init; }

    /// <summary>Gets the name of the period shown: <c>month</c>, or the budget's period.</summary>
    public required string PeriodName { get; init; }

    /// <summary>Gets the spend of the period shown (for a budget, the spend that budget counts).</summary>
    public required decimal PeriodUsd { get; init; }

    /// <summary>Gets the limit of the budget of the period, or null without a budget.</summary>
    public decimal? LimitUsd { get; init; }

    /// <summary>Gets the money held by the active reservations that count against the budget shown.</summary>
    public decimal ReservedUsd { get; init; }

    /// <summary>Gets the spend of Kimi sessions active lately that the ledger does not hold yet.</summary>
    public decimal KimiLiveUsd { get; init; }

    /// <summary>Gets how many Kimi sessions were active lately.</summary>
    public int KimiLiveSessions { get; init; }

    /// <summary>Gets the share of the limit spent or reserved, in whole percent rounded down, or null without a budget.</summary>
    public int? Percent { get; init; }

    /// <summary>Gets the Kimi session the status is shown inside (Kimi Code's status line, or <c>--session</c>), or null.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets what that session spent, as its logs show; null without a session, zero before its first call.</summary>
    public decimal? SessionUsd { get; init; }

    /// <summary>Gets the share of the limit spent or reserved, exact, or null without a budget.</summary>
    public decimal? UsedPercent { get; init; }
}
