using Omk.Cost.Adapters.Kimi.Counting;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// What the stored result keeps of one session folder: the session as the whole reading counted it (after the
/// de-duplication across sessions), its warnings, and the stamps of every path its reading consulted.
/// </summary>
internal sealed class SessionResult
{
    /// <summary>Gets the folder's place in the list of session folders.</summary>
    public required int Ordinal { get; init; }

    /// <summary>Gets the session folder (its job's).</summary>
    public string Directory => Job.Directory;

    /// <summary>
    /// Gets the folder's job as the list of session folders gave it: its format, id, project and model (its
    /// <see cref="SessionJob.Config"/> is <see cref="KimiModelConfig.Empty"/> in a stored entry: the reading loads
    /// the configuration again). While the stamps the list depends on hold, the job is the same.
    /// </summary>
    public required SessionJob Job { get; init; }

    /// <summary>Gets the paths the folder's reading consulted, with their stamps (entries built from a reading only).</summary>
    public IReadOnlyList<(string Path, FileStamp? Stamp)> Stamps { get; init; } = [];

    /// <summary>Gets the warnings of the folder's files.</summary>
    public required IReadOnlyList<UsageWarning> Warnings { get; init; }

    /// <summary>Gets the session, or null when it made no model call.</summary>
    public SessionUsage? Session { get; init; }

    /// <summary>Gets the key and timestamp of the session's first call (<see cref="SessionLog.GroupKey"/>, before the de-duplication), which groups forks.</summary>
    public UInt128 FirstKey { get; init; }

    /// <summary>
    /// Gets a value indicating whether the session shares its first call with another: its calls were compared with
    /// theirs, so a change to it may change them.
    /// </summary>
    public bool Grouped { get; init; }

    /// <summary>Gets a value indicating whether a stamp changed (or was too recent to trust) since it was stored.</summary>
    public bool Changed { get; init; }

    /// <summary>Gets the shard that holds the entry.</summary>
    public int Shard { get; init; }

    /// <summary>Gets the entry's bytes as stored, copied as they are when another entry of its shard changes.</summary>
    public ReadOnlyMemory<byte> Stored { get; init; }
}
