using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Status;

/// <summary>
/// Computes a <see cref="StatusSnapshot"/> from the ledger and Kimi's logs. A session counts in the day and month in
/// which it started; its spend is <see cref="SessionCost.EffectiveUsd"/>.
/// </summary>
internal static class StatusCalculator
{
    /// <summary>How recent a Kimi session's last logged moment must be for it to count as live.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(15);

    /// <summary>Computes the snapshot.</summary>
    /// <param name="ledger">The ledger's sessions.</param>
    /// <param name="standings">Where the budgets stand; the most used one is shown.</param>
    /// <param name="kimi">What Kimi's logs hold, or null when they were not read.</param>
    /// <param name="now">The current moment.</param>
    /// <param name="zone">The time zone of days and months.</param>
    /// <returns>The snapshot.</returns>
    /// <remarks>
    /// A live Kimi session that <c>omk cost import kimi</c> already recorded (id <c>kimi:&lt;session id&gt;</c>) counts
    /// only with what it spent beyond the recorded amount, so that no call is counted twice.
    /// </remarks>
    public static StatusSnapshot Compute(IReadOnlyList<SessionCost> ledger, IReadOnlyList<BudgetStanding> standings, KimiUsageResult? kimi, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(zone);
        var today = CalendarPeriod.Containing(CalendarUnit.Day, now, zone);
        var month = CalendarPeriod.Containing(CalendarUnit.Month, now, zone);
        decimal todayUsd = 0m, monthUsd = 0m;
        var recorded = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var session in ledger)
        {
            if (today.Contains(session.StartedAt))
            {
                todayUsd += session.EffectiveUsd;
            }

            if (month.Contains(session.StartedAt))
            {
                monthUsd += session.EffectiveUsd;
            }

            if (session.Id is { } id)
            {
                recorded[id] = session.EffectiveUsd;
            }
        }

        decimal liveUsd = 0m;
        var liveSessions = 0;
        foreach (var session in kimi?.Sessions ?? [])
        {
            if (session.EndedAt < now - LiveWindow)
            {
                continue;
            }

            liveSessions++;
            var spent = session.Summarize(kimi!.Prices).PricedCostUsd;
            var inLedger = recorded.GetValueOrDefault(KimiUsageResult.SessionCostId(session.SessionId));
            liveUsd += Math.Max(0m, spent - inLedger);
        }

        var shown = standings.MaxBy(static standing => standing.UsedPercent);
        return new StatusSnapshot
        {
            Zone = zone,
            TodayUsd = todayUsd,
            MonthUsd = monthUsd,
            PeriodName = shown is null ? "month" : PeriodName(shown.Period.Kind),
            PeriodUsd = shown?.SpentUsd ?? monthUsd,
            LimitUsd = shown?.LimitUsd,
            Percent = shown is null ? null : (int)Math.Min(int.MaxValue, Math.Floor(shown.UsedPercent)),
            ReservedUsd = shown?.ReservedUsd ?? 0m,
            KimiLiveUsd = liveUsd,
            KimiLiveSessions = liveSessions,
        };
    }

    private static string PeriodName(BudgetPeriodKind kind) => kind switch
    {
        BudgetPeriodKind.Day => "today",
        BudgetPeriodKind.Week => "week",
        BudgetPeriodKind.Month => "month",
        _ => "total",
    };
}
