namespace Omk.Cost.Domain.Usage;

/// <summary>
/// Where the model a session's calls are priced at comes from.
/// </summary>
internal enum SessionModelSource
{
    /// <summary>The session's logs name the model of each call (Kimi Code), or of each subagent.</summary>
    Logs,

    /// <summary>Kimi CLI's own log (<c>logs/kimi.log</c>) names the model the session was started or resumed with.</summary>
    LaunchLog,

    /// <summary>The reading was told which model to price at (<c>--model</c>).</summary>
    Option,

    /// <summary>
    /// Nothing names the session's model: it is priced at the configuration's default model, which is what Kimi CLI
    /// uses unless it was started with another (<c>--model</c>, <c>KIMI_MODEL_NAME</c>, <c>/model</c>).
    /// </summary>
    AssumedFromConfig,
}
