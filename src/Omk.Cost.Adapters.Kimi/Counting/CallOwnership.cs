using System.Runtime.InteropServices;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// Counts each model call once across all sessions, in the session where it happened.
/// </summary>
/// <remarks>
/// Kimi CLI's <c>/fork</c> and <c>/undo</c> (<c>src/kimi_cli/session_fork.py</c>) write a new session whose
/// <c>wire.jsonl</c> holds the source's lines verbatim from its first line up to a turn: the same message ids, the same
/// timestamps. A call's key within its session (<see cref="SessionLog.Keys"/>) and its timestamp
/// (<see cref="SessionLog.MatchKey"/>) found in several sessions are one call; it belongs to the session
/// that ranks first by: fewest fork marks (a title's leading <c>Fork: </c> and <c>Undo: </c>, which a fork of a fork
/// repeats, or a Kimi Code fork record), then the earliest first moment, then the session id. Every other session
/// holding it holds a copy, and the owner of a session's latest copied call is the session it was forked from.
/// <para>
/// Because a fork copies from the first line, a session that holds a copy shares its first call with its source (and
/// with every fork of the same line), id and timestamp: sessions are grouped by the key and timestamp of their first
/// call (two unrelated sessions whose first calls got the same id from a server that repeats ids are not a group), and only the sessions of a
/// group of two or more are compared call by call. Fork marks are read only for them, so the usual case reads no
/// extra file and looks up no key twice.
/// </para>
/// </remarks>
internal static class CallOwnership
{
    private const string ForkPrefix = "Fork: ";
    private const string UndoPrefix = "Undo: ";

    /// <summary>Counts each call once, in the session that owns it.</summary>
    /// <param name="logs">The sessions' logs.</param>
    /// <param name="forkMarks">Counts a session's fork marks (read only for the sessions that share their first call).</param>
    /// <param name="grouped">Receives, by log, whether it shares its first call with another (and was compared call by call), or null.</param>
    /// <returns>The sessions, in the order of the logs.</returns>
    public static List<SessionUsage> Resolve(IReadOnlyList<SessionLog> logs, Func<SessionLog, int> forkMarks, bool[]? grouped = null)
    {
        // Sessions by the key of their first call: a session alone in its group shares no call with another.
        var firstOf = new Dictionary<UInt128, int>(logs.Count);
        Dictionary<int, List<int>>? groups = null;
        for (var index = 0; index < logs.Count; index++)
        {
            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(firstOf, logs[index].GroupKey, out var exists);
            if (!exists)
            {
                first = index;
                continue;
            }

            groups ??= [];
            if (!groups.TryGetValue(first, out var members))
            {
                members = [first];
                groups.Add(first, members);
            }

            members.Add(index);
        }

        var sessions = new SessionUsage?[logs.Count];
        foreach (var members in groups?.Values ?? Enumerable.Empty<List<int>>())
        {
            if (grouped is not null)
            {
                foreach (var member in members)
                {
                    grouped[member] = true;
                }
            }

            ResolveGroup(logs, members, forkMarks, sessions);
        }

        var all = new List<SessionUsage>(logs.Count);
        for (var index = 0; index < logs.Count; index++)
        {
            all.Add(sessions[index] ?? ToSession(logs[index], logs[index].Calls, null, null, logs[index].RetryTicks.Length));
        }

        return all;
    }

    /// <summary>Counts each call of a group of sessions that share their first call once, in the session that owns it.</summary>
    private static void ResolveGroup(IReadOnlyList<SessionLog> logs, List<int> members, Func<SessionLog, int> forkMarks, SessionUsage?[] sessions)
    {
        var marks = new int[members.Count];
        for (var member = 0; member < members.Count; member++)
        {
            marks[member] = forkMarks(logs[members[member]]);
        }

        // The owner of every key, as a member number, or its bitwise complement once the call is counted.
        var owners = new Dictionary<UInt128, int>();
        for (var member = 0; member < members.Count; member++)
        {
            var log = logs[members[member]];
            for (var at = 0; at < log.Keys.Length; at++)
            {
                ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(owners, log.MatchKey(at), out var exists);
                if (!exists || (owner != member && Ranks(member, owner)))
                {
                    owner = member;
                }
            }
        }

        // A fork copies its source's retry lines too: a retry (by its moment) found in several sessions is one.
        var retryOwners = new Dictionary<long, int>();
        for (var member = 0; member < members.Count; member++)
        {
            foreach (var ticks in logs[members[member]].RetryTicks)
            {
                ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(retryOwners, ticks, out var exists);
                if (!exists || (owner != member && Ranks(member, owner)))
                {
                    owner = member;
                }
            }
        }

        for (var member = 0; member < members.Count; member++)
        {
            var retries = 0;
            foreach (var ticks in logs[members[member]].RetryTicks)
            {
                retries += retryOwners[ticks] == member ? 1 : 0;
            }

            sessions[members[member]] = OwnCalls(logs, members, member, owners, retries);
        }

        bool Ranks(int candidate, int current)
        {
            var byMarks = marks[candidate].CompareTo(marks[current]);
            if (byMarks != 0)
            {
                return byMarks < 0;
            }

            var (a, b) = (logs[members[candidate]], logs[members[current]]);
            var byStart = a.First.CompareTo(b.First);
            return byStart != 0 ? byStart < 0 : string.CompareOrdinal(a.Job.SessionId, b.Job.SessionId) < 0;
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

    /// <summary>
    /// Takes the calls a session owns, each once, in its order; the calls array is shared when it keeps them all.
    /// </summary>
    private static SessionUsage OwnCalls(IReadOnlyList<SessionLog> logs, List<int> members, int index, Dictionary<UInt128, int> owners, int retries)
    {
        var log = logs[members[index]];
        var calls = log.Calls;
        UsageCall[]? kept = null;
        var count = 0;
        var copiedFrom = -1;
        DateTimeOffset? lastCopy = null;
        for (var at = 0; at < calls.Length; at++)
        {
            ref var owner = ref CollectionsMarshal.GetValueRefOrNullRef(owners, log.MatchKey(at));
            if (owner == index)
            {
                owner = ~index;
                if (kept is not null)
                {
                    kept[count] = calls[at];
                }

                count++;
                continue;
            }

            // A copy of another session's call, or a second copy of one of its own: from here on, keep a subset.
            kept ??= calls[..count];
            if (kept.Length < calls.Length)
            {
                Array.Resize(ref kept, calls.Length);
            }

            if (owner != ~index && (lastCopy is null || calls[at].Timestamp >= lastCopy))
            {
                copiedFrom = owner < 0 ? ~owner : owner;
                lastCopy = calls[at].Timestamp;
            }
        }

        var own = kept is null ? calls : kept.Length == count ? kept : kept[..count];
        return ToSession(log, own, copiedFrom < 0 ? null : logs[members[copiedFrom]].Job.SessionId, lastCopy, retries);
    }

    private static SessionUsage ToSession(SessionLog log, UsageCall[] own, string? copiedFrom, DateTimeOffset? lastCopy, int retries)
    {
        if (!InTimeOrder(own))
        {
            own = (UsageCall[])own.Clone();
            Array.Sort(own, static (a, b) => a.Timestamp.CompareTo(b.Timestamp));
        }

        // A fork starts after what it copied: at its first own call, or at its last copied one when it made none.
        var started = lastCopy is not { } copy ? log.First : own.Length > 0 ? own[0].Timestamp : copy;
        return new SessionUsage
        {
            SessionId = log.Job.SessionId,
            Title = log.Title,
            Project = log.Project,
            StartedAt = started,
            EndedAt = log.Last < started ? started : log.Last,
            Calls = own,
            ForkedFrom = log.ForkedFrom ?? copiedFrom,
            Retries = retries,
            MainAgentModel = log.MainAgentModel,
            ModelSource = log.Job.ModelSource,
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
