namespace Omk.Cost.Application;

/// <summary>
/// The agent sessions whose spend the current flow already holds in reservations: a supervised run's own sessions
/// (<see cref="Runs.RunSupervisor"/>). Budget steps taken within the run (its further reservations, their renewals, its
/// settle) leave these sessions' live spend out of what <see cref="LiveSpendBudgetStore"/> counts, so that a run is
/// never counted against itself twice (once in what it holds, once as unimported spend), while every other session
/// still counts once. They count without importing: another run on this machine may be writing one of those sessions,
/// and its own settle records it.
/// </summary>
/// <remarks>
/// The set flows with the run's asynchronous steps (an <see cref="AsyncLocal{T}"/> set where the run starts), so that
/// two runs in one process each leave out only their own sessions, and steps outside a run leave out none.
/// </remarks>
internal sealed class OwnLiveSessions
{
    private static readonly AsyncLocal<OwnLiveSessions?> Flow = new();

    private volatile IReadOnlySet<string> _ledgerIds = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets the current run's own sessions, or null outside a run.</summary>
    public static OwnLiveSessions? Current => Flow.Value;

    /// <summary>Gets the ledger ids (<c>kimi:&lt;session id&gt;</c>) of the run's own sessions, as its meter last read them.</summary>
    public IReadOnlySet<string> LedgerIds => _ledgerIds;

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
    public void Set(Runs.RunSpend spend) =>
        _ledgerIds = spend.Sessions.Select(static session => session.Record.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
