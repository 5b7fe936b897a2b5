using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Gathers the model calls of one session from all its log files, counting each call once.
/// </summary>
/// <remarks>
/// The rule: a call with a message id counts the first time its id is seen in the session (a subagent's call
/// appears both wrapped in the parent's log and in the subagent's own log, with the same id). Calls without a
/// message id cannot be matched one by one; the copies of one agent's id-less calls in different files are the
/// same calls in the same order, so for each agent the file holding the most of them counts, and the others not.
/// </remarks>
internal sealed class SessionCallCollector
{
    private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);
    private readonly List<UsageCall> _calls = [];
    private readonly Dictionary<string, Dictionary<string, List<UsageCall>>> _withoutId = new(StringComparer.Ordinal);

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

    public void Add(string file, string agent, string? messageId, UsageCall call)
    {
        if (messageId is not null)
        {
            if (_messageIds.Add(messageId))
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

    public List<UsageCall> Finish()
    {
        var calls = new List<UsageCall>(_calls);
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

        calls.Sort(static (a, b) => a.Timestamp.CompareTo(b.Timestamp));
        return calls;
    }
}
