namespace Omk.Cost.Application;

/// <summary>The port through which <see cref="StatusUseCase"/> learns what agent sessions spend while they run (Kimi's logs).</summary>
public interface ILiveSpendSource
{
    /// <summary>Reads the sessions active since a moment, and what each spent so far.</summary>
    /// <param name="activeSince">The earliest last activity of a session to return; the source may return more.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions.</returns>
    Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken);

    /// <summary>
    /// Reads what one session has spent, for a status line shown inside it; null when the source cannot tell. A
    /// session with no call logged yet has spent nothing.
    /// </summary>
    /// <param name="sessionId">The agent's id of the session.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What the session spent, or null.</returns>
    Task<decimal?> SessionSpentAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult<decimal?>(null);
}
