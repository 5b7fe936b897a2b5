namespace Omk.Cost.Domain.Usage;

/// <summary>
/// What a row of a usage report by session tells of its session, beside its totals.
/// </summary>
internal sealed record UsageSessionDetails
{
    /// <summary>Gets the session's title, or null when it has none.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the project (work directory) the session ran in, or null when unknown.</summary>
    public string? Project { get; init; }

    /// <summary>Gets the first moment the session's logs record.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the model of the session's covered calls that used the most tokens, or null when it made none.</summary>
    public string? Model { get; init; }

    /// <summary>Gets where the session's model comes from.</summary>
    public SessionModelSource ModelSource { get; init; }

    /// <summary>Gets how many other models the session's covered calls used.</summary>
    public int OtherModels { get; init; }
}
