using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// Gathers the model calls of one session from all its log files.
/// </summary>
/// <remarks>
/// A call counts the first time its key is seen in the session: a subagent's call appears both wrapped in the
/// parent's log and in the subagent's own log, with the same message id. Calls without a message id cannot be matched
/// one by one across a subagent's two logs (the parent's wrapper and the subagent's own file write their own
/// timestamps), but those copies are the same calls in the same order: for each agent, the file holding the most of
/// its id-less calls counts them, and the others not.
/// </remarks>
internal static class SessionCallCollector
{
    /// <summary>
    /// The most keys of a set kept for the next session: clearing a set costs its capacity, which one huge session
    /// must not impose on all the small ones after it.
    /// </summary>
    private const int MaxReusedKeys = 1 << 16;

    /// <summary>One set of keys per thread, cleared and reused session after session, small enough to stay in cache.</summary>
    [ThreadStatic]
    private static HashSet<UInt128>? _threadKeys;

    public static (UsageCall[] Calls, UInt128[] Keys) Collect(IReadOnlyList<WireFileCalls> files)
    {
        var seen = _threadKeys ?? [];
        _threadKeys = null;
        seen.Clear();
        try
        {
            return Collect(files, seen);
        }
        finally
        {
            if (seen.Count <= MaxReusedKeys)
            {
                seen.Clear();
                _threadKeys = seen;
            }
        }
    }

    private static (UsageCall[] Calls, UInt128[] Keys) Collect(IReadOnlyList<WireFileCalls> files, HashSet<UInt128> seen)
    {
        var longest = LongestIdlessFiles(files);
        var total = 0;
        var kept = 0;
        foreach (var file in files)
        {
            for (var index = 0; index < file.Calls.Length; index++)
            {
                total++;
                if (Keeps(file, index, longest) && seen.Add(file.Keys[index]))
                {
                    kept++;
                }
            }
        }

        // One file whose every call counts: its arrays are the session's.
        if (files.Count == 1 && kept == total)
        {
            return (files[0].Calls, files[0].Keys);
        }

        seen.Clear();

        var calls = new UsageCall[kept];
        var keys = new UInt128[kept];
        var at = 0;
        foreach (var file in files)
        {
            for (var index = 0; index < file.Calls.Length; index++)
            {
                if (Keeps(file, index, longest) && seen.Add(file.Keys[index]))
                {
                    calls[at] = file.Calls[index];
                    keys[at] = file.Keys[index];
                    at++;
                }
            }
        }

        return (calls, keys);
    }

    private static bool Keeps(WireFileCalls file, int index, Dictionary<string, (WireFileCalls File, int Count)>? longest) =>
        file.IdlessAgents?[index] is not { } agent || ReferenceEquals(longest![agent].File, file);

    /// <summary>Finds, for each agent with calls without a message id, the file that holds the most of them.</summary>
    private static Dictionary<string, (WireFileCalls File, int Count)>? LongestIdlessFiles(IReadOnlyList<WireFileCalls> files)
    {
        Dictionary<string, (WireFileCalls File, int Count)>? longest = null;
        foreach (var file in files)
        {
            if (file.IdlessAgents is not { } agents)
            {
                continue;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var agent in agents)
            {
                if (agent is not null)
                {
                    counts[agent] = counts.GetValueOrDefault(agent) + 1;
                }
            }

            foreach (var (agent, count) in counts)
            {
                longest ??= new Dictionary<string, (WireFileCalls, int)>(StringComparer.Ordinal);
                if (!longest.TryGetValue(agent, out var best) || count > best.Count)
                {
                    longest[agent] = (file, count);
                }
            }
        }

        return longest;
    }
}
