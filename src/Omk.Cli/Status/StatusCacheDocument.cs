namespace Omk.Cli.Status;

/// <summary>The last good answer of <c>omk cost status</c> against a team store, as <see cref="StatusCache"/> keeps it.</summary>
/// <param name="Store">The store's name (without its password) the answer came from.</param>
/// <param name="SavedAt">When the answer was computed.</param>
/// <param name="TimeZone">The time zone of its day and month.</param>
/// <param name="TodayUsd">Today's spend.</param>
/// <param name="MonthUsd">This month's spend.</param>
/// <param name="PeriodName">The period shown.</param>
/// <param name="PeriodUsd">The spend of that period.</param>
/// <param name="LimitUsd">The budget's limit, or null.</param>
/// <param name="Percent">The whole percent shown, or null.</param>
/// <param name="UsedPercent">The exact percent, or null.</param>
/// <param name="ReservedUsd">The money reservations held.</param>
/// <param name="KimiLiveUsd">What live Kimi sessions spent beyond the ledger.</param>
/// <param name="KimiLiveSessions">How many Kimi sessions were live.</param>
internal sealed record StatusCacheDocument(
    string Store,
    DateTimeOffset SavedAt,
    string TimeZone,
    decimal TodayUsd,
    decimal MonthUsd,
    string PeriodName,
    decimal PeriodUsd,
    decimal? LimitUsd,
    int? Percent,
    decimal? UsedPercent,
    decimal ReservedUsd,
    decimal KimiLiveUsd,
    int KimiLiveSessions);
