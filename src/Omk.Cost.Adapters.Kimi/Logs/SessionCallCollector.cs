namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Gathers the model calls of one session from all its log files.
/// </summary>
/// <remarks>
/// A call with a message id is kept in every file that holds it: the same id is the same call, and the count keeps
/// one of them (see <see cref="CallOwnership"/>). Calls without a message id cannot be matched one by one across a
/// subagent's two logs (the parent's wrapper and the subagent's own file write their own timestamps), but those
/// copies are the same calls in the same order: for each agent, the file holding the most of its id-less calls
/// counts them, and the others not.
/// </remarks>
internal static class SessionCallCollector
{
    public static List<KeyedCall> Collect(IReadOnlyList<WireFileCalls> files)
    {
        var total = 0;
        Dictionary<string, (WireFileCalls File, int Count)>? longest = null;
        foreach (var file in files)
        {
            total += file.Calls.Count;
            Dictionary<string, int>? idless = null;
            foreach (var call in file.Calls)
            {
                if (!call.HasMessageId)
                {
                    idless ??= new Dictionary<string, int>(StringComparer.Ordinal);
                    idless[call.Agent] = idless.GetValueOrDefault(call.Agent) + 1;
                }
            }

            foreach (var (agent, count) in idless ?? [])
            {
                longest ??= new Dictionary<string, (WireFileCalls, int)>(StringComparer.Ordinal);
                if (!longest.TryGetValue(agent, out var best) || count > best.Count)
                {
                    longest[agent] = (file, count);
                }
            }
        }

        var calls = new List<KeyedCall>(total);
        foreach (var file in files)
        {
            foreach (var call in file.Calls)
            {
                if (call.HasMessageId || ReferenceEquals(longest![call.Agent].File, file))
                {
                    calls.Add(call);
                }
            }
        }

        return calls;
    }
}
