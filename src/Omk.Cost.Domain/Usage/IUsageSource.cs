namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The port through which omk learns what a coding agent really used, from the agent's own logs (Kimi CLI, Kimi Code,
/// Kimi Work): every session with its model calls and the prices in force. A report by session or by period is made
/// from the reading (<see cref="UsageReading.Report"/>), and an import records its sessions
/// (<see cref="UsageReading.ToSessionCosts"/>). The Kimi adapter implements it.
/// </summary>
internal interface IUsageSource
{
    /// <summary>Reads every session the logs hold.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions, the warnings and the prices in force.</returns>
    /// <exception cref="OperationCanceledException">The reading was cancelled.</exception>
    UsageReading Read(CancellationToken cancellationToken);
}
