using System.Runtime.CompilerServices;

namespace Omk.Cost.Domain;

/// <summary>
/// An <see cref="ICostSink"/> that keeps sessions in memory, for tests and for hosts that need no persistence.
/// </summary>
internal sealed class InMemoryCostSink : ICostSink
{
    private readonly Lock _gate = new();
    private readonly List<SessionCost> _sessions = [];

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

    public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        cancellationToken.ThrowIfCancellationRequested();
        int added = 0, replaced = 0, unchanged = 0;
        lock (_gate)
        {
            foreach (var session in sessions)
            {
                var index = _sessions.FindIndex(stored => stored.Id is not null && string.Equals(stored.Id, session.Id, StringComparison.Ordinal));
                if (index < 0)
                {
                    _sessions.Add(session);
                    added++;
                }
                else if (_sessions[index] == session)
                {
                    unchanged++;
                }
                else
                {
                    _sessions[index] = session;
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
