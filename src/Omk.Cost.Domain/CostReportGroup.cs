namespace Omk.Cost.Domain;

/// <summary>
/// The totals of one group of a <see cref="CostReport"/>.
/// </summary>
/// <param name="Key">
/// The group's key: a session type (spelled as most of its sessions spell it), a name, or a day, ISO week or month of
/// the report's time zone.
/// </param>
/// <param name="Sessions">The number of sessions in the group.</param>
/// <param name="InputTokens">The estimated input tokens of the group, saturating.</param>
/// <param name="OutputTokens">The estimated output tokens of the group, saturating.</param>
/// <param name="EstimatedUsd">The estimated US dollars of the group.</param>
/// <param name="ActualUsd">The actual US dollars of the sessions that know them, or null when none does.</param>
public sealed record CostReportGroup(
    string Key,
    long Sessions,
    ulong InputTokens,
    ulong OutputTokens,
    decimal EstimatedUsd,
    decimal? ActualUsd)
{
    /// <summary>Gets the spend of the group: each session's actual cost when known, else its estimate.</summary>
    public decimal SpentUsd { get; init; }

    /// <summary>Gets the first instant of the group's day, week or month, or null for a grouping by type or name.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Gets the first instant after the group's day, week or month, or null for a grouping by type or name.</summary>
    public DateTimeOffset? End { get; init; }
}
