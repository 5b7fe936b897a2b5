namespace Omk.Cost.Domain;

/// <summary>
/// What one omk session cost: its type and name, when it ran, its estimate and, when known, what it really cost.
/// </summary>
public sealed record SessionCost
{
    /// <summary>Gets the session type, such as <c>team</c>, <c>autopilot</c>, <c>ralph</c> or <c>kimi</c>.</summary>
    public required string SessionType { get; init; }

    /// <summary>Gets the session's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets when the session started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when the session ended, or null while unknown.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets the session's cost estimate.</summary>
    public required CostEstimate Estimate { get; init; }

    /// <summary>Gets what the session really cost in US dollars, or null while unknown.</summary>
    public decimal? ActualUsd { get; init; }

    /// <summary>
    /// Gets a stable identity for a session that comes from elsewhere (for example <c>kimi:&lt;session id&gt;</c>),
    /// or null for an ordinary record. A store replaces a session with the same identity instead of adding another.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>
    /// Gets what is known of the session's real usage (model, project, cached tokens), or null for a session recorded
    /// from an estimate alone.
    /// </summary>
    public SessionUsageDetails? Details { get; init; }

    /// <summary>
    /// Gets the fields another version of omk stored with the session that this version does not know, kept so that
    /// every store writes them back; null when there are none.
    /// </summary>
    public SessionExtraFields? ExtraFields { get; init; }

    /// <summary>Gets the best known cost: <see cref="ActualUsd"/> when known, otherwise the estimate.</summary>
    public decimal EffectiveUsd => ActualUsd ?? Estimate.EstimatedUsd;
}
