using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// One session as its own folder tells it, before the calls copied from other sessions are taken out: every call
/// its logs hold, with their keys and resolved models, and what its side files say.
/// </summary>
internal sealed class SessionLog
{
    public SessionLog(SessionJob job, UsageCall[] calls, UInt128[] keys, DateTimeOffset first, DateTimeOffset last)
    {
        Job = job;
        Calls = calls;
        Keys = keys;
        First = first;
        Last = last;
    }

    public SessionJob Job { get; }

    /// <summary>Gets the calls of the session's logs (its own log's, then its subagents'), models resolved.</summary>
    public UsageCall[] Calls { get; }

    /// <summary>Gets the key of each call (see <see cref="WireFileCalls.Keys"/>).</summary>
    public UInt128[] Keys { get; }

    /// <summary>
    /// Gets the key of the session's first call across sessions (<see cref="CallKey.AcrossSessions"/>): sessions that
    /// share it may be forks of one another (a fork copies its source's first line verbatim, id and timestamp).
    /// </summary>
    public UInt128 GroupKey => MatchKey(0);

    /// <summary>Gets the first moment the session's logs record.</summary>
    public DateTimeOffset First { get; }

    /// <summary>Gets the last moment the session's logs record.</summary>
    public DateTimeOffset Last { get; }

    /// <summary>Gets or sets the moment, in UTC ticks, of each retried request the session's logs tell of.</summary>
    public long[] RetryTicks { get; set; } = [];

    /// <summary>Gets or sets the model (resolved) of the session's main agent, or null when its logs do not tell.</summary>
    public string? MainAgentModel { get; set; }

    /// <summary>Gets or sets the session's title, once read.</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets a value indicating whether the title has been looked for.</summary>
    public bool TitleRead { get; set; }

    /// <summary>Gets or sets the project path.</summary>
    public string? Project { get; set; }

    /// <summary>Gets or sets the session it was forked from, when its side files say so (Kimi Code's <c>forkedFrom</c>).</summary>
    public string? ForkedFrom { get; set; }

    /// <summary>Gets or sets the trace of the paths the session's reading consulted, or null when none is kept.</summary>
    public ReadTrace? Trace { get; set; }

    /// <summary>Gets the key that matches a call of the session with its copies in other sessions.</summary>
    /// <param name="index">The call's index in <see cref="Calls"/>.</param>
    /// <returns>The key (<see cref="CallKey.AcrossSessions"/>).</returns>
    public UInt128 MatchKey(int index) => CallKey.AcrossSessions(Keys[index], Calls[index].Timestamp);

    /// <summary>Gets or sets a value indicating whether the session's logs say it is a fork (a Kimi Code <c>forked</c> record).</summary>
    public bool ForkRecorded { get; set; }
}
