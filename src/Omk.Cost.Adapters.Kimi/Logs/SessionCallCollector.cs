using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Gathers the model calls of one session from all its log files, counting each call once.
/// </summary>
/// <remarks>
/// The rule: a call with a message id counts the first time its id is seen in the session (a subagent's call
/// appears both wrapped in the parent's log and in the subagent's own log, with the same id; ids are compared by a
/// 128-bit fingerprint). Calls without a
/// message id cannot be matched one by one; the copies of one agent's id-less calls in different files are the
/// same calls in the same order, so for each agent the file holding the most of them counts, and the others not.
/// </remarks>
internal sealed class SessionCallCollector
{
    /// <summary>
    /// The most ids of a set kept for the next session: clearing a set costs its capacity, which one huge session
    /// must not impose on all the small ones after it.
    /// </summary>
    private const int MaxReusedMessageIds = 1 << 16;

    [ThreadStatic]
    private static List<UsageCall>? _threadScratch;

    [ThreadStatic]
    private static HashSet<UInt128>? _threadMessageIds;

    private readonly HashSet<UInt128> _messageIds;
    private readonly List<UsageCall> _calls;
    private readonly Dictionary<string, Dictionary<string, List<UsageCall>>> _withoutId = new(StringComparer.Ordinal);

    public SessionCallCollector()
    {
        // One growing list per thread, reused session after session; each session keeps an exact-size copy.
        _calls = _threadScratch ?? [];
        _threadScratch = null;
        _calls.Clear();

        // Likewise one set of message ids per thread: clearing keeps its capacity, so it stops growing early.
        _messageIds = _threadMessageIds ?? [];
        _threadMessageIds = null;
        _messageIds.Clear();
    }

    public DateTimeOffset? First { get; private set; }

    public DateTimeOffset? Last { get; private set; }

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

    public void Add(string file, string agent, UInt128? messageId, UsageCall call)
    {
        if (messageId is { } id)
        {
            if (_messageIds.Add(id))
            {
                _calls.Add(call);
            }

            return;
        }

        if (!_withoutId.TryGetValue(agent, out var byFile))
        {
            byFile = new Dictionary<string, List<UsageCall>>(StringComparer.Ordinal);
            _withoutId.Add(agent, byFile);
        }

        if (!byFile.TryGetValue(file, out var calls))
        {
            calls = [];
            byFile.Add(file, calls);
        }

        calls.Add(call);
    }

    public UsageCall[] Finish()
    {
        var calls = _calls;
        foreach (var byFile in _withoutId.Values)
        {
            List<UsageCall>? longest = null;
            foreach (var list in byFile.Values)
            {
                if (longest is null || list.Count > longest.Count)
                {
                    longest = list;
                }
            }

            calls.AddRange(longest ?? []);
        }

        var sorted = calls.ToArray();
        if (!InTimeOrder(sorted))
        {
            Array.Sort(sorted, static (a, b) => a.Timestamp.CompareTo(b.Timestamp));
        }

        calls.Clear();
        _threadScratch = calls;
        if (_messageIds.Count <= MaxReusedMessageIds)
        {
            _messageIds.Clear();
            _threadMessageIds = _messageIds;
        }
        return sorted;
    }

    /// <summary>Tells whether the calls are already in time order, as a log's calls nearly always are.</summary>
    private static bool InTimeOrder(UsageCall[] calls)
    {
        for (var index = 1; index < calls.Length; index++)
        {
            if (calls[index].Timestamp < calls[index - 1].Timestamp)
            {
                return false;
            }
        }

        return true;
    }
}
