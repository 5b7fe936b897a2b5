using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Application;

/// <summary>
/// Computes a <see cref="StatusSnapshot"/> from the ledger's spend, the budgets and the live sessions. A session counts
/// in the day and month in which it started; its spend is <see cref="SessionCost.EffectiveUsd"/>. The spend is asked of
/// the budget store (<see cref="IBudgetLedger.SpentAsync(IReadOnlyList{ValueTuple{BudgetPeriod, string}}, CancellationToken)"/>), which adds it up where it is kept, so that a status never
/// reads every session.
/// </summary>
public sealed class StatusUseCase
{
    /// <summary>
    /// How recent a session's last logged moment must be for it to count as live: in the status line, and for
    /// <c>watch kimi --all-active</c> to follow it.
    /// </summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(15);

    private readonly BudgetGate _gate;
    private readonly TimeProvider _timeProvider;
    private readonly ILiveSpendSource? _live;

    /// <summary>Initializes a new instance of the <see cref="StatusUseCase"/> class.</summary>
    /// <param name="gate">The budgets and the ledger's spend, peeked at without waiting for a change in progress.</param>
    /// <param name="timeProvider">The clock that gives today and this month.</param>
    /// <param name="live">What live sessions spend; null to leave them out.</param>
    public StatusUseCase(BudgetGate gate, TimeProvider timeProvider, ILiveSpendSource? live = null)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _gate = gate;
        _timeProvider = timeProvider;
        _live = live;
    }

    /// <summary>Reads the ledger's spend, the budgets and the live sessions, and computes the snapshot.</summary>
    /// <param name="zone">The time zone of days and months.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<StatusSnapshot> GetAsync(TimeZoneInfo zone, CancellationToken cancellationToken = default) =>
        GetAsync(zone, sessionId: null, cancellationToken);

    /// <summary>
    /// Computes the status as <see cref="GetAsync(TimeZoneInfo, CancellationToken)"/>, with what one agent session spent
    /// (the session a status line is shown inside), read from the live source.
    /// </summary>
    /// <param name="zone">The time zone whose days and months count.</param>
    /// <param name="sessionId">The agent's id of the session, or null for none.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The status.</returns>
    /// <remarks>
    /// A live session that the ledger already holds (imported, by <see cref="LiveSessionSpend.LedgerId"/>) counts only
    /// with what it spent beyond the recorded amount, so that no call is counted twice.
    /// </remarks>
    public async Task<StatusSnapshot> GetAsync(TimeZoneInfo zone, string? sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var now = _timeProvider.GetUtcNow();
        var today = BudgetPeriod.Containing(BudgetPeriodKind.Day, now, zone);
        var month = BudgetPeriod.Containing(BudgetPeriodKind.Month, now, zone);
        var live = _live is null ? [] : await _live.ReadAsync(now - LiveWindow, cancellationToken).ConfigureAwait(false);
        var active = live.Where(session => session.LastActiveAt >= now - LiveWindow).ToList();
        var snapshot = await _gate.PeekLedgerAsync(
            async (standings, ledger, token) =>
            {
                var spent = await ledger.SpentAsync([(today, null), (month, null)], token).ConfigureAwait(false);
                var (todayUsd, monthUsd) = (spent[0], spent[1]);
                var recorded = await ledger.RecordedAsync([.. active.Select(static session => session.LedgerId).Distinct(StringComparer.Ordinal)], token).ConfigureAwait(false);
                return Compute(todayUsd, monthUsd, recorded, standings, active, zone);
            },
            cancellationToken).ConfigureAwait(false);
        if (sessionId is null)
        {
            return snapshot;
        }

        var spent = _live is null ? null : await _live.SessionSpentAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return snapshot with { SessionId = sessionId, SessionUsd = spent };
    }

    /// <summary>Computes the snapshot.</summary>
    /// <param name="todayUsd">What the ledger's sessions of today spent.</param>
    /// <param name="monthUsd">What the ledger's sessions of this month spent.</param>
    /// <param name="recorded">What the ledger holds for the live sessions' ids.</param>
    /// <param name="standings">Where the budgets stand; the most used one is shown.</param>
    /// <param name="live">What the live sessions spent.</param>
    /// <param name="zone">The time zone of days and months.</param>
    /// <returns>The snapshot.</returns>
    private static StatusSnapshot Compute(decimal todayUsd, decimal monthUsd, IReadOnlyDictionary<string, decimal> recorded, IReadOnlyList<BudgetStanding> standings, IReadOnlyList<LiveSessionSpend> live, TimeZoneInfo zone)
    {
        decimal liveUsd = 0m;
        foreach (var session in live)
        {
            liveUsd += session.UnrecordedUsd(recorded.TryGetValue(session.LedgerId, out var usd) ? usd : null);
        }

        var shown = standings.MaxBy(static standing => standing.UsedPercent);
        return new StatusSnapshot
        {
            Zone = zone,
            TodayUsd = todayUsd,
            MonthUsd = monthUsd,
            PeriodName = shown is null ? PeriodWords.Month : PeriodName(shown.Period.Kind),
            PeriodUsd = shown?.SpentUsd ?? monthUsd,
            LimitUsd = shown?.LimitUsd,
            Percent = shown is null ? null : (int)Math.Min(int.MaxValue, Math.Floor(shown.UsedPercent)),
            UsedPercent = shown?.UsedPercent,
            ReservedUsd = shown?.ReservedUsd ?? 0m,
            KimiLiveUsd = liveUsd,
            KimiLiveSessions = live.Count,
        };
    }

    private static string PeriodName(BudgetPeriodKind kind) => kind == BudgetPeriodKind.Day ? PeriodWords.Today : PeriodWords.Of(kind);
}
