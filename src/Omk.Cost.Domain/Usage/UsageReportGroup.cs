namespace Omk.Cost.Domain.Usage;

/// <summary>
/// One group of a <see cref="UsageReport"/>.
/// </summary>
/// <param name="Key">The group's key: a UTC day or month, a session id, a project or a model.</param>
/// <param name="Label">A readable name for the key (a session's title), or null when the key says it all.</param>
/// <param name="Summary">The totals of the group.</param>
internal sealed record UsageReportGroup(string Key, string? Label, UsageSummary Summary)
{
    /// <summary>Gets the session a session group was forked from, when its logs tell; null otherwise.</summary>
    public string? ForkedFrom { get; init; }

    /// <summary>Gets the first instant of the group's day, week or month, with the zone's offset; null for other groupings.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Gets the first instant after the group's day, week or month; null for other groupings.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Gets what a session group tells of its session (title, project, start, main model); null for other groupings.</summary>
    public UsageSessionDetails? Session { get; init; }
}
