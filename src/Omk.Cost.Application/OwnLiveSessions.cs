namespace Omk.Cost.Application;

/// <summary>
/// The agent sessions whose spend the current flow already holds in reservations: a supervised run's own sessions
/// (<see cref="Runs.RunSupervisor"/>). Budget steps taken within the run (its further reservations, their renewals, its
/// settle) count of these sessions only what they spent before the run (a session the run resumed), as
/// <see cref="LiveSpendBudgetStore"/> counts any session's unimported spend, and leave out what they spent since: the
/// run's reservations stand for that. So a run is never counted against itself twice (once in what it holds, once as
/// unimported spend), what a resumed session spent before it still counts, and every other session counts once. They
/// count without importing: another run on this machine may be writing one of those sessions, and its own settle
/// records it.
/// </summary>
/// <remarks>
/// The set flows with the run's asynchronous steps (an <see cref="AsyncLocal{T}"/> set where the run starts), so that
/// two runs in one process each leave out only their own sessions, and steps outside a run leave out none.
/// </remarks>
internal sealed class OwnLiveSessions
{
    private static readonly AsyncLocal<OwnLiveSessions?> Flow = new();

    private volatile IReadOnlyDictionary<string, decimal> _earlierUsd = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Gets the current run's own sessions, or null outside a run.</summary>
    public static OwnLiveSessions? Current => Flow.Value;

    /// <summary>
    /// Gets the run's own sessions, as its meter last read them: by the ledger id (<c>kimi:&lt;session id&gt;</c>), what
    /// the session's calls before the run cost (<see cref="Runs.MeteredSession.EarlierUsd"/>; 0 for a session the run started).
    /// </summary>
    public IReadOnlyDictionary<string, decimal> EarlierUsd => _earlierUsd;

    /// <summary>
    /// Starts a set of own sessions for the current flow and the steps it awaits; it ends with the asynchronous method
    /// that started it.
    /// </summary>
    /// <returns>The set, to update as the run's sessions appear.</returns>
    public static OwnLiveSessions Begin()
    {
        var own = new OwnLiveSessions();
        Flow.Value = own;
        return own;
    }

    /// <summary>Says which sessions are the run's own: those its meter read, by the ids the ledger has or would have for them.</summary>
    /// <param name="spend">The meter's last reading.</param>
    public void Set(Runs.RunSpend spend)
    {
        var earlier = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var session in spend.Sessions)
        {
            if (session.Record.Id is { } id)
            {
                earlier[id] = earlier.GetValueOrDefault(id) + session.EarlierUsd;
            }
        }

        _earlierUsd = earlier;
    }
}
