using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Reads the log files of a session: whole (<see cref="WholeWireFiles"/>), or going on from the state a cache holds of
/// each (the incremental index, for the session's shard).
/// </summary>
internal interface IWireFileSource
{
    /// <summary>Reads a log file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="agent">The agent whose log it is: empty for the session's own, else the subagent's id.</param>
    /// <param name="warnings">Receives the file's warnings.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What the read found.</returns>
    WireFileRead Read(string path, WireFormat format, string agent, ICollection<UsageWarning> warnings, CancellationToken cancellationToken);
}
