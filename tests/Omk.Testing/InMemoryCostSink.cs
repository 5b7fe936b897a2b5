using System.Runtime.CompilerServices;
using Omk.Cost.Domain;

namespace Omk.Testing;

/// <summary>
/// An <see cref="ICostSink"/> that keeps sessions in memory: the tests' and benchmarks' stand-in for a store.
/// </summary>
public sealed class InMemoryCostSink : ICostSink
{
    private readonly Lock _gate = new();
    private readonly List<SessionCost> _sessions = [];

    public string Location => "memory";

    public Task AppendAsync(SessionCost session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _sessions.Add(session);
        }

        return Task.CompletedTask;
    }

    public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        cancellationToken.ThrowIfCancellationRequested();
        int added = 0, replaced = 0, unchanged = 0;
        lock (_gate)
        {
            // A dry run works on a copy, so that it counts a batch exactly as the real upsert would.
            List<SessionCost> target = mode == UpsertMode.DryRun ? [.. _sessions] : _sessions;
            foreach (var session in sessions)
            {
                var index = target.FindIndex(stored => stored.Id is not null && string.Equals(stored.Id, session.Id, StringComparison.Ordinal));
                if (index < 0)
                {
                    target.Add(session);
                    added++;
                }
                else if (target[index] == session)
                {
                    unchanged++;
                }
                else
                {
                    target[index] = session;
                    replaced++;
                }
            }
        }

        return Task.FromResult(new UpsertOutcome(added, replaced, unchanged));
    }

    public async IAsyncEnumerable<SessionCost> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SessionCost[] snapshot;
        lock (_gate)
        {
            snapshot = [.. _sessions];
        }

        foreach (var session in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return session;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_sessions.Count > 0);
        }
    }

    public Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var removed = _sessions.Count;
            _sessions.Clear();
            return Task.FromResult(new ClearOutcome(removed, null));
        }
    }
}
