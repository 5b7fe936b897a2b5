using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// The times a session may carry so that every report can place it: from the Unix epoch to the end of the year 9998
/// (UTC). The day, week and month that hold such a time, and the one after, exist in every zone; a time in the year
/// 9999 has no next month, so a report by day, week or month could not be made. The rule is applied where a session
/// enters: the domain (<see cref="CostTracker"/>, the settle of <see cref="Budgets.BudgetGate"/>), each store's writes
/// and reads, and the Kimi logs' timestamps.
/// </summary>
internal static class SessionTimes
{
    /// <summary>The earliest time a session may carry: the Unix epoch, 1970-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    /// <summary>The first time a session may no longer carry: 9999-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset End = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The range in words, for messages.</summary>
    public const string RangeText = "a time from 1970-01-01 to 9998-12-31 (UTC)";

    /// <summary>Tells whether every report can place a time.</summary>
    /// <param name="time">The time.</param>
    /// <returns><see langword="true"/> when the time lies from <see cref="Earliest"/> up to, not including, <see cref="End"/>.</returns>
    public static bool IsReportable(DateTimeOffset time) => time >= Earliest && time < End;

    /// <summary>Finds the first time of a session that no report could place.</summary>
    /// <param name="session">The session.</param>
    /// <returns>What is wrong, naming the field (<c>started_at 9999-12-31T23:59:59Z is not a time from …</c>); null when nothing is.</returns>
    public static string? FindProblem(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Problem(session.StartedAt, "started_at")
            ?? (session.EndedAt is { } ended ? Problem(ended, "ended_at") : null);
    }

    private static string? Problem(DateTimeOffset time, string field) =>
        IsReportable(time)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{field} {time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} is not {RangeText}, so no report by day, week or month could place it");
}
