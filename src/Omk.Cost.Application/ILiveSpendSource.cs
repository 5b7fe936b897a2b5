namespace Omk.Cost.Application;

/// <summary>The port through which <see cref="StatusUseCase"/> learns what agent sessions spend while they run (Kimi's logs).</summary>
public interface ILiveSpendSource
{
    /// <summary>Reads the sessions active since a moment, and what each spent so far.</summary>
    /// <param name="activeSince">The earliest last activity of a session to return; the source may return more.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions.</returns>
    Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken);
}
