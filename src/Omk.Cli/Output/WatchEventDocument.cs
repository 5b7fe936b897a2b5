using Omk.Cli.Watch;
using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>
/// One line of <c>omk cost watch kimi --json</c>: a session's meter when it changed (<c>reading</c>), the crossing of
/// the limit (<c>limit_exceeded</c>), or the final figures when the watch is stopped (<c>stopped</c>).
/// </summary>
/// <param name="Event">What happened: <c>reading</c>, <c>limit_exceeded</c> or <c>stopped</c>.</param>
/// <param name="Time">When, RFC 3339 with the offset of the <c>--tz</c> zone (<see cref="Rfc3339.FormatWithOffset"/>).</param>
/// <param name="SessionId">The session.</param>
/// <param name="Project">The session's project, when known.</param>
/// <param name="Calls">Its model calls.</param>
/// <param name="InputOtherTokens">Its input tokens that were cache misses.</param>
/// <param name="CacheReadTokens">Its cache reads.</param>
/// <param name="CacheCreationTokens">Its cache writes.</param>
/// <param name="OutputTokens">Its output tokens.</param>
/// <param name="SpentUsd">What its priced calls cost.</param>
/// <param name="CostKnown">Whether every call had a price.</param>
/// <param name="BurnUsdPerHour">What the last 10 minutes cost, per hour.</param>
/// <param name="ProjectedNextHourUsd">What the next hour will cost at that rate.</param>
/// <param name="TotalSpentUsd">What all watched sessions spent.</param>
/// <param name="LimitUsd">The limit, or null.</param>
/// <param name="OnExceedExitStatus">The exit status of the <c>--on-exceed</c> command, on <c>limit_exceeded</c>.</param>
internal sealed record WatchEventDocument(
    string Event,
    string Time,
    string SessionId,
    string? Project,
    int Calls,
    ulong InputOtherTokens,
    ulong CacheReadTokens,
    ulong CacheCreationTokens,
    ulong OutputTokens,
    decimal SpentUsd,
    bool CostKnown,
    decimal BurnUsdPerHour,
    decimal ProjectedNextHourUsd,
    decimal TotalSpentUsd,
    decimal? LimitUsd,
    int? OnExceedExitStatus)
{
    /// <summary>Creates the line of a meter.</summary>
    /// <param name="kind">The event.</param>
    /// <param name="time">When.</param>
    /// <param name="zone">The zone whose offset the time is given with (the <c>--tz</c> zone).</param>
    /// <param name="meter">The session's meter.</param>
    /// <param name="totalSpentUsd">What all watched sessions spent.</param>
    /// <param name="limitUsd">The limit, or null.</param>
    /// <param name="exitStatus">The exit status of the <c>--on-exceed</c> command, or null.</param>
    /// <returns>The line's document.</returns>
    public static WatchEventDocument From(string kind, DateTimeOffset time, TimeZoneInfo zone, SessionMeter meter, decimal totalSpentUsd, decimal? limitUsd, int? exitStatus = null) => new(
        kind,
        Rfc3339.FormatWithOffset(TimeZoneInfo.ConvertTime(time, zone)),
        meter.SessionId,
        meter.Project,
        meter.Calls,
        meter.Usage.InputOther,
        meter.Usage.CacheRead,
        meter.Usage.CacheCreation,
        meter.Usage.Output,
        meter.SpentUsd,
        meter.CostKnown,
        Math.Round(meter.BurnUsdPerHour, 6),
        Math.Round(meter.ProjectedNextHourUsd, 6),
        totalSpentUsd,
        limitUsd,
        exitStatus);
}
