namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The token usage and cost of agent sessions, from their model calls, grouped.
/// </summary>
internal sealed class UsageReport
{
    internal UsageReport(UsageGrouping groupBy, UsageSummary total, IReadOnlyList<UsageReportGroup> groups)
    {
        GroupBy = groupBy;
        Total = total;
        Groups = groups;
    }

    /// <summary>Gets how the calls are grouped.</summary>
    public UsageGrouping GroupBy { get; }

    /// <summary>Gets the time zone whose days, weeks and months group the calls.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Gets the window of time whose calls the report covers: the query's.</summary>
    public TimeRange Window { get; init; }

    /// <summary>Gets the totals of every covered call; its session count counts each session once.</summary>
    public UsageSummary Total { get; }

    /// <summary>
    /// Gets the groups: by day or month oldest first; by session in the order the sessions started; by project or
    /// model highest cost first, then by key.
    /// </summary>
    public IReadOnlyList<UsageReportGroup> Groups { get; }

    /// <summary>
    /// Builds a report from sessions: every call inside the query's window counts once, in the group of its own
    /// moment (by day or month), of its session, of its session's project or of its model.
    /// </summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="prices">The prices of the models.</param>
    /// <param name="query">Which calls to cover and how to group them; null covers all, by day.</param>
    /// <returns>The report.</returns>
    public static UsageReport Create(IEnumerable<SessionUsage> sessions, PriceTable prices, UsageQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(prices);
        var builder = new UsageReportBuilder(prices, query ?? UsageQuery.All);
        foreach (var session in sessions)
        {
            builder.Add(session);
        }

        return builder.Build();
    }
}
