using System.Globalization;
using System.IO.Abstractions;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// The incremental index of Kimi's logs: for each log file, its <see cref="WireFileState"/> up to its last complete
/// line, so that a later read parses only the bytes written since. It is kept in <see cref="ShardCount"/> shards
/// (by session folder), so that a session that grew rewrites one small file, not the whole index.
/// </summary>
/// <remarks>
/// A cache only: a shard that is missing, damaged, of another version or written by another build of the parsers
/// is ignored and rebuilt; a file whose identity (device, inode) changed, that shrank, or whose first bytes or bytes
/// before the offset differ, is read again from its start. A shard that cannot be written is left as it was.
/// </remarks>
internal sealed class KimiIndex
{
    /// <summary>The number of shards.</summary>
    public const int ShardCount = 64;

    /// <summary>
    /// How recent a change may be for its file's stamp to be doubted: a file changed again within the file system's
    /// clock tick can keep its stamp, so a file changed this shortly before the index was written is checked by
    /// content next time even when its stamp is the same.
    /// </summary>
    private const long RacyNanoseconds = 2_000_000_000;

    private readonly IFileSystem _fileSystem;
    private readonly string _directory;
    private readonly IKimiIndexWriter? _writer;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, WireFileState>?[] _shards = new Dictionary<string, WireFileState>?[ShardCount];

    private KimiIndex(IFileSystem fileSystem, string directory, IKimiIndexWriter? writer, TimeProvider timeProvider)
    {
        _fileSystem = fileSystem;
        _directory = directory;
        _writer = writer;
        _timeProvider = timeProvider;
    }

    /// <summary>Loads the index of a folder; a shard that cannot be read counts as empty.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="directory">The index's folder.</param>
    /// <param name="writer">Writes the changed shards, or null to leave the index as it is.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="shards">The shards to load, or null for all.</param>
    /// <returns>The index.</returns>
    public static KimiIndex Load(IFileSystem fileSystem, string directory, IKimiIndexWriter? writer, TimeProvider timeProvider, IReadOnlyList<int>? shards = null)
    {
        var index = new KimiIndex(fileSystem, directory, writer, timeProvider);
        if (!fileSystem.Directory.Exists(directory))
        {
            return index;
        }

        Parallel.For(0, shards?.Count ?? ShardCount, number =>
        {
            var shard = shards?[number] ?? number;
            try
            {
                var path = index.ShardPath(shard);
                if (fileSystem.File.Exists(path))
                {
                    index._shards[shard] = KimiIndexFormat.TryRead(RegularFile.ReadAllBytes(fileSystem, path, followLinks: false));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An unreadable shard is rebuilt.
            }
        });
        return index;
    }

    /// <summary>Gets the shard that holds the files of a session folder.</summary>
    /// <param name="sessionDirectory">The session folder.</param>
    /// <returns>The shard's number.</returns>
    public static int ShardOf(string sessionDirectory) =>
        (int)(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(sessionDirectory.AsSpan())) % ShardCount);

    /// <summary>Gets the source of a session's log files through the index: each read goes on from the file's stored state.</summary>
    /// <param name="sessionDirectory">The session's folder, whose shard holds its files.</param>
    /// <returns>The source.</returns>
    public IWireFileSource ForSession(string sessionDirectory) => new ShardFiles(this, ShardOf(sessionDirectory));

    /// <summary>
    /// Reads a log file, going on from its state in the index when the file is still the one that state is of.
    /// </summary>
    private WireFileRead ReadFile(int shard, string path, WireFormat format, string agent, ICollection<UsageWarning> warnings, CancellationToken cancellationToken)
    {
        var stamp = FileStamps.Of(_fileSystem, path);
        var known = _shards[shard]?.GetValueOrDefault(path);
        if (known is null || known.Format != format || !string.Equals(known.Agent, agent, StringComparison.Ordinal) || stamp is not { } current || !current.SameFile(known.Stamp) || current.Size < known.Offset)
        {
            return WireFileReader.Read(_fileSystem, path, format, agent, stamp, resume: null, warnings, cancellationToken);
        }

        if (current == known.Stamp && !known.Racy && current.Size == known.Offset)
        {
            if (known.Diagnostics.ToWarning(known.Lines) is { } warning)
            {
                warnings.Add(warning);
            }

            return new WireFileRead(known, known);
        }

        return WireFileReader.Read(_fileSystem, path, format, agent, current, known, warnings, cancellationToken);
    }

    /// <summary>
    /// Keeps the states of the files just read, each shard holding exactly the files found in its sessions, and writes
    /// the shards that changed. Errors are swallowed: the index is a cache.
    /// </summary>
    /// <param name="reads">The files read, each with its shard.</param>
    public void Save(IEnumerable<(int Shard, WireFileState State)> reads)
    {
        if (_writer is null)
        {
            return;
        }

        var next = new List<WireFileState>?[ShardCount];
        var changed = new bool[ShardCount];
        foreach (var (shard, state) in reads)
        {
            (next[shard] ??= []).Add(state);
            if (!state.Cacheable || _shards[shard]?.GetValueOrDefault(state.Path) is not { } known || !ReferenceEquals(known, state))
            {
                changed[shard] = true;
            }
        }

        var now = (_timeProvider.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        for (var shard = 0; shard < ShardCount; shard++)
        {
            var states = next[shard] ?? [];
            if (!changed[shard] && states.Count == (_shards[shard]?.Count ?? 0) && (states.Count > 0 || _shards[shard] is not null || !_fileSystem.File.Exists(ShardPath(shard))))
            {
                continue;
            }

            var kept = states.Where(static state => state.Cacheable).ToList();
            foreach (var state in kept)
            {
                state.Racy = state.Stamp.LatestNanoseconds >= now - RacyNanoseconds;
            }

            try
            {
                _writer.Write(ShardPath(shard), KimiIndexFormat.Write(kept));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The index is a cache: the next read rebuilds what could not be written.
            }
        }
    }

    /// <summary>
    /// Keeps the states of the files of some sessions just read again, the other files of their shards as they were,
    /// and writes those shards. Errors are swallowed: the index is a cache.
    /// </summary>
    /// <param name="sessions">The sessions read again: their shard, folder and the states of their files.</param>
    public void SaveSessions(IEnumerable<(int Shard, string Directory, IReadOnlyList<WireFileState> States)> sessions)
    {
        if (_writer is null)
        {
            return;
        }

        var now = (_timeProvider.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        foreach (var shard in sessions.GroupBy(static session => session.Shard))
        {
            var folders = shard.Select(static session => session.Directory + Path.DirectorySeparatorChar).ToList();
            var read = shard.SelectMany(static session => session.States).Where(static state => state.Cacheable).ToList();
            foreach (var state in read)
            {
                state.Racy = state.Stamp.LatestNanoseconds >= now - RacyNanoseconds;
            }

            // The other files' states keep their racy mark: it tells how close to their stamp they were written.
            var kept = (_shards[shard.Key]?.Values ?? Enumerable.Empty<WireFileState>())
                .Where(state => !folders.Exists(folder => state.Path.StartsWith(folder, StringComparison.Ordinal)))
                .Concat(read)
                .ToList();

            try
            {
                _writer.Write(ShardPath(shard.Key), KimiIndexFormat.Write(kept));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The index is a cache: the next read rebuilds what could not be written.
            }
        }
    }

    private string ShardPath(int shard) => _fileSystem.Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"shard-{shard:x2}.bin"));

    /// <summary>The files of one shard's sessions, read through the index.</summary>
    private sealed class ShardFiles(KimiIndex index, int shard) : IWireFileSource
    {
        public WireFileRead Read(string path, WireFormat format, string agent, ICollection<UsageWarning> warnings, CancellationToken cancellationToken) =>
            index.ReadFile(shard, path, format, agent, warnings, cancellationToken);
    }
}
