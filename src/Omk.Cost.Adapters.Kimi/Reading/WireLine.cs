using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// One parsed line of a Kimi log.
/// </summary>
internal struct WireLine
{
    /// <summary>Gets or sets what the line is.</summary>
    public WireLineKind Kind { get; set; }

    /// <summary>Gets or sets the moment the line records, when it has a valid one.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Gets or sets the usage of the model call, for <see cref="WireLineKind.Usage"/>.</summary>
    public TokenUsage Usage { get; set; }

    /// <summary>Gets or sets the fingerprint of the model call's message id, when the log gives one.</summary>
    public UInt128? MessageId { get; set; }

    /// <summary>Gets or sets the subagent whose event the line wraps, or null for the log's own agent.</summary>
    public string? AgentId { get; set; }

    /// <summary>Gets or sets the model the line names, or null when the log does not say.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the configured alias of <see cref="Model"/>, for <see cref="WireLineKind.ModelRequest"/>.</summary>
    public string? ModelAlias { get; set; }
}
