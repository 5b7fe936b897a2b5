using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// What one <c>wire.jsonl</c> holds for the count: its model calls with their keys, the moments it spans, and the
/// models its <c>llm.request</c> records name. It depends on that file alone, so it can be kept per file.
/// </summary>
internal sealed class WireFileCalls
{
    public WireFileCalls(string path, string agent)
    {
        Path = path;
        Agent = agent;
    }

    /// <summary>Gets the file.</summary>
    public string Path { get; }

    /// <summary>Gets the agent the file belongs to: empty for the session's main log, else the subagent's id.</summary>
    public string Agent { get; }

    /// <summary>
    /// Gets or sets the file's model calls in the order of the file (in Kimi Code, only those after the last
    /// <c>forked</c> record); their models are those the file names or implies, not yet resolved to API models.
    /// </summary>
    public UsageCall[] Calls { get; set; } = [];

    /// <summary>
    /// Gets or sets the key of each call: the 128-bit fingerprint of its message id, or, for a call without one, of
    /// its agent, timestamp, usage and rank (see <see cref="CallKey"/>).
    /// </summary>
    public UInt128[] Keys { get; set; } = [];

    /// <summary>
    /// Gets or sets, for each call without a message id, the agent that made it (empty for the file's main agent,
    /// else a subagent's id), and null for a call with one; or null when every call has a message id.
    /// </summary>
    public string?[]? IdlessAgents { get; set; }

    /// <summary>Gets or sets the moment, in UTC ticks, of each retried request the file tells of.</summary>
    public long[] RetryTicks { get; set; } = [];

    /// <summary>
    /// Gets or sets the model (as the file names it, not yet resolved) that the file's own agent used the most tokens
    /// of, leaving out the subagent calls the file wraps; null when the agent made no call here.
    /// </summary>
    public string? OwnModel { get; set; }

    /// <summary>Gets or sets the first moment the counted part of the file records.</summary>
    public DateTimeOffset? First { get; set; }

    /// <summary>Gets or sets the last moment the file records.</summary>
    public DateTimeOffset? Last { get; set; }

    /// <summary>Gets or sets a value indicating whether the file holds a Kimi Code <c>forked</c> record.</summary>
    public bool Forked { get; set; }

    /// <summary>
    /// Gets or sets the API model of each alias, from the file's Kimi Code <c>llm.request</c> records (the last one
    /// wins), or null when it has none.
    /// </summary>
    public Dictionary<string, string>? ModelOfAlias { get; set; }

    public void See(DateTimeOffset timestamp)
    {
        if (First is not { } first || timestamp < first)
        {
            First = timestamp;
        }

        if (Last is not { } last || timestamp > last)
        {
            Last = timestamp;
        }
    }
}
