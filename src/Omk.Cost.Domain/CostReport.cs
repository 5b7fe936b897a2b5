using System.Globalization;
using System.Text;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain;

/// <summary>
/// The totals of the recorded sessions, grouped.
/// </summary>
public sealed class CostReport
{
    private const int MinimumKeyWidth = 20;

    internal CostReport(
        CostGrouping groupBy,
        long sessions,
        ulong inputTokens,
        ulong outputTokens,
        decimal totalEstimatedUsd,
        decimal? totalActualUsd,
        IReadOnlyList<CostReportGroup> groups)
    {
        GroupBy = groupBy;
        Sessions = sessions;
        InputTokens = inputTokens;
        OutputTokens = outputTokens;
        TotalEstimatedUsd = totalEstimatedUsd;
        TotalActualUsd = totalActualUsd;
        Groups = groups;
    }

    /// <summary>Gets how the sessions are grouped.</summary>
    public CostGrouping GroupBy { get; }

    /// <summary>Gets the number of sessions covered.</summary>
    public long Sessions { get; }

    /// <summary>Gets the estimated input tokens of all sessions, saturating.</summary>
    public ulong InputTokens { get; }

    /// <summary>Gets the estimated output tokens of all sessions, saturating.</summary>
    public ulong OutputTokens { get; }

    /// <summary>Gets the estimated US dollars of all sessions.</summary>
    public decimal TotalEstimatedUsd { get; }

    /// <summary>Gets the actual US dollars of the sessions that know them, or null when none does.</summary>
    public decimal? TotalActualUsd { get; }

    /// <summary>Gets the spend of all sessions: each session's actual cost when known, else its estimate.</summary>
    public decimal TotalSpentUsd { get; init; }

    /// <summary>Gets the time zone whose days, weeks and months group the sessions.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Gets the groups: by type or name, highest spend first and then by key; by day, week or month, oldest first.
    /// </summary>
    public IReadOnlyList<CostReportGroup> Groups { get; }

    /// <summary>
    /// Builds a report from sessions.
    /// </summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="query">Which sessions to cover and how to group them; null covers all, by type.</param>
    /// <returns>The report.</returns>
    public static CostReport Create(IEnumerable<SessionCost> sessions, CostReportQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var builder = new CostReportBuilder(query ?? CostReportQuery.All);
        foreach (var session in sessions)
        {
            builder.Add(session);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds a report from a stream of sessions without holding them in memory.
    /// </summary>
    /// <param name="sessions">The sessions.</param>
    /// <param name="query">Which sessions to cover and how to group them; null covers all, by type.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The report.</returns>
    public static async Task<CostReport> CreateAsync(
        IAsyncEnumerable<SessionCost> sessions,
        CostReportQuery? query = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        cancellationToken.ThrowIfCancellationRequested();
        var builder = new CostReportBuilder(query ?? CostReportQuery.All);
        await foreach (var session in sessions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(session);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds a report from the totals of groups that a store added up itself (<see cref="ICostSummarySource"/>).
    /// </summary>
    /// <param name="groups">The groups, in any order.</param>
    /// <param name="query">Which sessions the groups cover and how they were grouped; null is all, by type.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The report, sorted and totalled by the same rules as <see cref="CreateAsync"/>.</returns>
    public static async Task<CostReport> FromGroupsAsync(
        IAsyncEnumerable<CostReportGroup> groups,
        CostReportQuery? query = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        cancellationToken.ThrowIfCancellationRequested();
        var builder = new CostReportBuilder(query ?? CostReportQuery.All);
        await foreach (var group in groups.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            builder.Add(group);
        }

        return builder.Build();
    }

    /// <summary>
    /// Formats the report in omk's text form: the total, one line a group, and the session count;
    /// or <c>No cost data recorded yet.</c> when there is no session. Culture-invariant.
    /// </summary>
    /// <returns>The text of the report.</returns>
    public override string ToString()
    {
        if (Sessions == 0)
        {
            return "No cost data recorded yet.";
        }

        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append("OMK Cost Report\n");
        text.Append(invariant, $"Total estimated: ~{ReferenceMoney.Usd(TotalEstimatedUsd)}\n\n");
        text.Append(invariant, $"By {GroupTitle(GroupBy)}:\n");

        // The reference pads keys to 20 characters; a longer key widens the column so that the amounts stay aligned.
        // A key holds text from outside (a session's name): its control characters are shown, never sent to a terminal.
        var width = Groups.Aggregate(MinimumKeyWidth, static (widest, group) => Math.Max(widest, VisibleText.Escape(group.Key).Length));
        foreach (var group in Groups)
        {
            text.Append("  ").Append(VisibleText.Escape(group.Key).PadRight(width)).Append(invariant, $" {ReferenceMoney.Usd(group.EstimatedUsd)}\n");
        }

        text.Append(invariant, $"\nSessions: {Sessions}\n");
        return text.ToString();
    }

    /// <summary>Gets the words that name a grouping in the text form, such as <c>session type</c>.</summary>
    /// <param name="groupBy">The grouping.</param>
    /// <returns>The words.</returns>
    public static string GroupTitle(CostGrouping groupBy) => groupBy switch
    {
        CostGrouping.Name => "name",
        CostGrouping.Day => PeriodWords.Day,
        CostGrouping.Week => PeriodWords.Week,
        CostGrouping.Month => PeriodWords.Month,
        _ => "session type",
    };
}
