namespace Omk.Cost.Domain;

/// <summary>
/// What is known of a session's real usage beyond its estimate: the model it mostly used, the project it ran in,
/// and its cached input tokens. Imports from an agent's logs fill it; each store maps it to its own format.
/// </summary>
public sealed record SessionUsageDetails
{
    /// <summary>Gets the model the session used most, or null when unknown.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the project (working directory) the session ran in, or null when unknown.</summary>
    public string? Project { get; init; }

    /// <summary>Gets the input tokens read from the model's prompt cache.</summary>
    public ulong CacheReadTokens { get; init; }

    /// <summary>Gets the input tokens written to the model's prompt cache.</summary>
    public ulong CacheCreationTokens { get; init; }
}
