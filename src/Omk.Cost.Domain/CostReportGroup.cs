namespace Omk.Cost.Domain;

/// <summary>
/// The totals of one group of a <see cref="CostReport"/>.
/// </summary>
/// <param name="Key">The group's key: a session type, a name, a UTC day or a UTC month.</param>
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
    decimal? ActualUsd);
