using Omk.Cost.Application;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost status</c>.</summary>
/// <param name="TimeZone">The time zone of the day and the month.</param>
/// <param name="TodayUsd">The ledger's spend of sessions that started today.</param>
/// <param name="MonthUsd">The ledger's spend of sessions that started this month.</param>
/// <param name="Period">The period shown: <c>month</c> or the budget's period.</param>
/// <param name="PeriodUsd">The spend of that period.</param>
/// <param name="LimitUsd">The budget's limit, or null without a budget.</param>
/// <param name="Percent">The share of the limit spent or reserved in percent to two decimals, as <c>budget check --json</c>
/// gives it, or null without a budget.</param>
/// <param name="ReservedUsd">The money held by active reservations.</param>
/// <param name="KimiLiveUsd">What Kimi sessions active in the last 15 minutes spent beyond the ledger.</param>
/// <param name="KimiLiveSessions">How many Kimi sessions were active in the last 15 minutes.</param>
/// <param name="SessionId">The Kimi session the status is shown in, or null.</param>
/// <param name="SessionUsd">What that session spent, or null without one.</param>
/// <param name="Stale">Whether the figures are the last good answer, shown because the team store was slow or down.</param>
/// <param name="AgeSeconds">How old that answer is, in seconds; null for a fresh one.</param>
internal sealed record StatusDocument(
    string TimeZone,
    decimal TodayUsd,
    decimal MonthUsd,
    string Period,
    decimal PeriodUsd,
    decimal? LimitUsd,
    decimal? Percent,
    decimal ReservedUsd,
    decimal KimiLiveUsd,
    int KimiLiveSessions,
    string? SessionId,
    decimal? SessionUsd,
    bool Stale = false,
    long? AgeSeconds = null)
{
    /// <summary>Creates the document of a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The document.</returns>
    public static StatusDocument From(StatusSnapshot snapshot) => new(
        snapshot.Zone.Id,
        snapshot.TodayUsd,
        snapshot.MonthUsd,
        snapshot.PeriodName,
        snapshot.PeriodUsd,
        snapshot.LimitUsd,
        snapshot.UsedPercent is { } used ? decimal.Round(used, 2, MidpointRounding.AwayFromZero) : null,
        snapshot.ReservedUsd,
        snapshot.KimiLiveUsd,
        snapshot.KimiLiveSessions,
        snapshot.SessionId,
        snapshot.SessionUsd);
}
