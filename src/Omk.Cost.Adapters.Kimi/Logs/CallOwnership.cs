using System.Runtime.InteropServices;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Counts each model call once across all sessions, in the session where it happened.
/// </summary>
/// <remarks>
/// Kimi CLI's <c>/fork</c> and <c>/undo</c> (<c>src/kimi_cli/session_fork.py</c>) write a new session whose
/// <c>wire.jsonl</c> holds the source's lines verbatim up to a turn: the same message ids, the same timestamps. A key
/// (<see cref="KeyedCall.Key"/>) found in several sessions is one call; it belongs to the session that ranks first
/// by: fewest fork marks (a title's leading <c>Fork: </c> and <c>Undo: </c>, which a fork of a fork repeats, or a Kimi
/// Code fork record), then the earliest first moment, then the session id. Every other session holding it holds a
/// copy, and the owner of a session's latest copied call is the session it was forked from. Fork marks are read
/// only for sessions that share a key, so the usual case reads no extra file.
/// </remarks>
internal static class CallOwnership
{
    private const string ForkPrefix = "Fork: ";
    private const string UndoPrefix = "Undo: ";

    public static List<SessionUsage> Resolve(IReadOnlyList<SessionLog> logs, Func<SessionLog, int> forkMarks)
    {
        var total = 0;
        foreach (var log in logs)
        {
            total += log.Calls.Count;
        }

        var marks = new int?[logs.Count];
        int MarksOf(int index) => marks[index] ??= forkMarks(logs[index]);

        // The owner of every key: the index of its session, or its bitwise complement once the call is counted.
        var owners = new Dictionary<UInt128, int>(total);
        for (var index = 0; index < logs.Count; index++)
        {
            foreach (var call in CollectionsMarshal.AsSpan(logs[index].Calls))
            {
                ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(owners, call.Key, out var exists);
                if (!exists)
                {
                    owner = index;
                }
                else if (owner != index && Ranks(index, owner))
                {
                    owner = index;
                }
            }
        }

        var sessions = new List<SessionUsage>(logs.Count);
        for (var index = 0; index < logs.Count; index++)
        {
            var log = logs[index];
            var calls = new List<UsageCall>(log.Calls.Count);
            var copiedFrom = -1;
            DateTimeOffset? lastCopy = null;
            foreach (var call in CollectionsMarshal.AsSpan(log.Calls))
            {
                ref var owner = ref CollectionsMarshal.GetValueRefOrNullRef(owners, call.Key);
                if (owner == index)
                {
                    calls.Add(call.Call);
                    owner = ~index;
                }
                else if (owner != ~index && (lastCopy is null || call.Call.Timestamp >= lastCopy))
                {
                    copiedFrom = owner < 0 ? ~owner : owner;
                    lastCopy = call.Call.Timestamp;
                }
            }

            sessions.Add(ToSession(log, calls, copiedFrom < 0 ? null : logs[copiedFrom].Job.SessionId, lastCopy));
        }

        return sessions;

        bool Ranks(int candidate, int current)
        {
            var byMarks = MarksOf(candidate).CompareTo(MarksOf(current));
            if (byMarks != 0)
            {
                return byMarks < 0;
            }

            var byStart = logs[candidate].First.CompareTo(logs[current].First);
            return byStart != 0 ? byStart < 0 : string.CompareOrdinal(logs[candidate].Job.SessionId, logs[current].Job.SessionId) < 0;
        }
    }

    /// <summary>Counts the fork marks of a title: <c>Fork: Undo: x</c> has two.</summary>
    /// <param name="title">The title, or null.</param>
    /// <returns>The number of leading fork and undo prefixes.</returns>
    public static int ForkMarks(string? title)
    {
        var marks = 0;
        var rest = title.AsSpan().TrimStart();
        while (rest.StartsWith(ForkPrefix, StringComparison.Ordinal) || rest.StartsWith(UndoPrefix, StringComparison.Ordinal))
        {
            marks++;
            rest = rest[ForkPrefix.Length..].TrimStart();
        }

        return marks;
    }

    private static SessionUsage ToSession(SessionLog log, List<UsageCall> calls, string? copiedFrom, DateTimeOffset? lastCopy)
    {
        var sorted = calls.ToArray();
        if (!InTimeOrder(sorted))
        {
            Array.Sort(sorted, static (a, b) => a.Timestamp.CompareTo(b.Timestamp));
        }

        // A fork starts after what it copied: at its first own call, or at its last copied one when it made none.
        var started = lastCopy is not { } copy ? log.First : sorted.Length > 0 ? sorted[0].Timestamp : copy;
        return new SessionUsage
        {
            SessionId = log.Job.SessionId,
            Title = log.Title,
            Project = log.Project,
            StartedAt = started,
            EndedAt = log.Last < started ? started : log.Last,
            Calls = sorted,
            ForkedFrom = log.ForkedFrom ?? copiedFrom,
        };
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
