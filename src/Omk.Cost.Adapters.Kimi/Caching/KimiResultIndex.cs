using System.Buffers;
using System.Globalization;
using System.IO.Abstractions;
using System.IO.Hashing;
using System.Text;
using Omk.Cost.Adapters.Kimi.Counting;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;
using static Omk.Cost.Adapters.Kimi.Caching.IndexBinary;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// The stored result of the last reading: every session as counted after the de-duplication across sessions, with
/// the warnings, and the stamp of every path the reading consulted (folders listed, files read, files looked for and
/// not found). While every stamp holds, the result is the reading's, and no log is read, no call key compared.
/// </summary>
/// <remarks>
/// <c>tree.bin</c> holds what the list of session folders depends on (the data folders' <c>sessions</c> folders and
/// their sub-folders, <c>config.toml</c>, <c>kimi.json</c>...), the number of session folders and the warnings
/// before theirs; <c>result-NN.bin</c> the entries of the session folders of shard NN (the shards of
/// <see cref="KimiIndex"/>), so that a session that changed rewrites one small file. A stamp taken less than two
/// seconds before the file was written is not trusted (its entry counts as changed). Like <see cref="KimiIndex"/>, a
/// cache: anything missing, damaged or of another build is no result, and the logs are read.
/// </remarks>
internal sealed class KimiResultIndex
{
    public const int Version = 5;

    private const long RacyNanoseconds = 2_000_000_000;
    private const byte HasSession = 1;
    private const byte IsGrouped = 2;
    private const byte IsRacy = 4;

    /// <summary>The format of the calls (<see cref="StoredCalls"/>), in the envelope's record size.</summary>
    private const int CallFormat = 1;

    private static readonly byte[] TreeMagic = "OMKKTRE\n"u8.ToArray();
    private static readonly byte[] ShardMagic = "OMKKRES\n"u8.ToArray();

    private readonly string _directory;

    private KimiResultIndex(string directory, List<UsageWarning> headWarnings, List<UsageWarning> tailWarnings, SessionResult[] entries)
    {
        _directory = directory;
        HeadWarnings = headWarnings;
        TailWarnings = tailWarnings;
        Entries = entries;
    }

    /// <summary>Gets the warnings before those of the session folders (the configuration's, the folders').</summary>
    public IReadOnlyList<UsageWarning> HeadWarnings { get; }

    /// <summary>Gets the warnings after those of the session folders: of the side files of forks, read to rank them.</summary>
    public IReadOnlyList<UsageWarning> TailWarnings { get; }

    /// <summary>Gets the entries, by the folders' order.</summary>
    public SessionResult[] Entries { get; }

    /// <summary>Gets a key of what a result depends on besides the logs: the folders read, the model given, whether titles are read.</summary>
    /// <param name="parts">Those values.</param>
    /// <returns>The key.</returns>
    public static ulong KeyOf(params ReadOnlySpan<string?> parts) =>
        XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(string.Join('\0', parts)));

    /// <summary>
    /// Loads the stored result and checks every stamp. Entries whose stamps changed are marked
    /// <see cref="SessionResult.Changed"/> and carry no session; the others carry theirs.
    /// </summary>
    /// <param name="fileSystem">The file system, whose stamps must be exact.</param>
    /// <param name="directory">The index's folder.</param>
    /// <param name="key">The options' key (<see cref="KeyOf"/>).</param>
    /// <returns>The result, or null when there is none usable: missing, damaged, of other options, or the list of session folders may have changed.</returns>
    public static KimiResultIndex? Load(IFileSystem fileSystem, string directory, ulong key)
    {
        var tree = TryReadFile(fileSystem, fileSystem.Path.Combine(directory, "tree.bin"));
        if (tree is null || !TryOpen(tree, TreeMagic, Version, CallFormat, out var body))
        {
            return null;
        }

        try
        {
            var position = 0;
            if (ReadUInt64(body, ref position) != key)
            {
                return null;
            }

            var jobCount = ReadCount(body, ref position);
            if (ReadByte(body, ref position) != 0 || !StampsHold(body, ref position))
            {
                return null;
            }

            var headWarnings = ReadWarnings(body, ref position);
            var tailWarnings = ReadWarnings(body, ref position);
            if (jobCount == 0)
            {
                // No session folder: no shard holds an entry this result needs (a machine without Kimi sessions reads
                // one file, not 65).
                return new KimiResultIndex(directory, headWarnings, tailWarnings, []);
            }

            var entries = new SessionResult?[jobCount];
            var failed = 0;
            Parallel.For(0, KimiIndex.ShardCount, shard =>
            {
                if (!TryLoadShard(fileSystem, ShardPath(fileSystem, directory, shard), shard, entries))
                {
                    Interlocked.Exchange(ref failed, 1);
                }
            });
            return failed != 0 || Array.Exists(entries, static entry => entry is null)
                ? null
                : new KimiResultIndex(directory, headWarnings, tailWarnings, entries!);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// Tells how many changed sessions are read again alone at most; past that, the whole reading is about as fast.
    /// </summary>
    /// <param name="sessions">The number of session folders.</param>
    /// <returns>The most sessions to read again alone.</returns>
    public static int MostChanged(int sessions) => Math.Max(8, sessions / 8);

    /// <summary>
    /// Writes a whole result: the tree and every shard; unless the next reading could not use it (the tree's stamps,
    /// or those of more sessions than <see cref="MostChanged"/>, too recent to trust, as while logs are being
    /// written), which spares the writes of every shard at every reading of a tree that is changing.
    /// </summary>
    /// <param name="writer">The index's writer.</param>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="directory">The index's folder.</param>
    /// <param name="key">The options' key.</param>
    /// <param name="treeStamps">The stamps the list of session folders depends on.</param>
    /// <param name="headWarnings">The warnings before those of the session folders.</param>
    /// <param name="tailWarnings">The warnings after those of the session folders.</param>
    /// <param name="entries">An entry for every session folder, by order.</param>
    /// <param name="now">The current moment.</param>
    public static void Save(IKimiIndexWriter writer, IFileSystem fileSystem, string directory, ulong key, IReadOnlyList<(string Path, FileStamp? Stamp)> treeStamps, IReadOnlyList<UsageWarning> headWarnings, IReadOnlyList<UsageWarning> tailWarnings, IReadOnlyList<SessionResult> entries, DateTimeOffset now)
    {
        var racyFrom = RacyFrom(now);
        if (Racy(treeStamps, racyFrom) || entries.Count(entry => Racy(entry.Stamps, racyFrom)) > MostChanged(entries.Count))
        {
            return;
        }

        var byShard = new List<SessionResult>[KimiIndex.ShardCount];
        foreach (var entry in entries)
        {
            (byShard[KimiIndex.ShardOf(entry.Directory)] ??= []).Add(entry);
        }

        // The shards first and the tree last: a tree is never newer than its shards.
        Parallel.For(0, KimiIndex.ShardCount, shard => TryWrite(writer, ShardPath(fileSystem, directory, shard), WriteShard(byShard[shard] ?? [], racyFrom)));
        var body = new ArrayBufferWriter<byte>(4096);
        WriteUInt64(body, key);
        WriteInt32(body, entries.Count);
        WriteByte(body, 0);
        WriteStamps(body, treeStamps);
        WriteWarnings(body, headWarnings);
        WriteWarnings(body, tailWarnings);
        TryWrite(writer, fileSystem.Path.Combine(directory, "tree.bin"), Seal(TreeMagic, Version, CallFormat, body.WrittenSpan));
    }

    /// <summary>Writes the shards of changed entries again, the other entries of those shards as they were.</summary>
    /// <param name="writer">The index's writer.</param>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="changed">The new entries, each in place of the one of the same ordinal.</param>
    /// <param name="now">The current moment.</param>
    public void SaveChanged(IKimiIndexWriter writer, IFileSystem fileSystem, IReadOnlyList<SessionResult> changed, DateTimeOffset now)
    {
        var racyFrom = RacyFrom(now);
        var replaced = changed.ToDictionary(static entry => entry.Ordinal);
        foreach (var shard in changed.Select(static entry => KimiIndex.ShardOf(entry.Directory)).Distinct())
        {
            var entries = Entries.Where(entry => entry.Shard == shard).Select(entry => replaced.GetValueOrDefault(entry.Ordinal) ?? entry).ToList();
            TryWrite(writer, ShardPath(fileSystem, _directory, shard), WriteShard(entries, racyFrom));
        }
    }

    private static bool TryLoadShard(IFileSystem fileSystem, string path, int shard, SessionResult?[] entries)
    {
        var bytes = TryReadFile(fileSystem, path);
        if (bytes is null || !TryOpen(bytes, ShardMagic, Version, CallFormat, out var body))
        {
            return false;
        }

        try
        {
            var position = 0;
            var count = ReadCount(body, ref position);
            for (var number = 0; number < count; number++)
            {
                var length = ReadCount(body, ref position);
                var start = position;
                var entry = ReadEntry(bytes, HeaderBytes + start, length, shard);
                position = start + length;
                if (entry.Ordinal < 0 || entry.Ordinal >= entries.Length || KimiIndex.ShardOf(entry.Directory) != shard
                    || Interlocked.CompareExchange(ref entries[entry.Ordinal], entry, null) is not null)
                {
                    return false;
                }
            }

            return position == body.Length;
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidDataException or OverflowException)
        {
            return false;
        }
    }

    private static SessionResult ReadEntry(byte[] bytes, int offset, int length, int shard)
    {
        var body = bytes.AsSpan(offset, length);
        var position = 0;
        var ordinal = ReadInt32(body, ref position);
        var directory = ReadString(body, ref position);
        var format = (WireFormat)ReadByte(body, ref position);
        if (format is not (WireFormat.KimiCli or WireFormat.KimiCode))
        {
            throw new InvalidDataException("unknown log format");
        }

        var job = new SessionJob(format, directory, ReadString(body, ref position), ReadNullableString(body, ref position), ReadString(body, ref position), KimiModelConfig.Empty)
        {
            ModelSource = ReadModelSource(body, ref position),
            LaterLaunches = ReadLaunches(body, ref position),
        };
        var flags = ReadByte(body, ref position);
        var low = ReadUInt64(body, ref position);
        var high = ReadUInt64(body, ref position);
        var changed = (flags & IsRacy) != 0;
        changed = !StampsHold(body, ref position, skip: changed) || changed;
        var warnings = ReadWarnings(body, ref position);
        var session = (flags & HasSession) != 0 && !changed ? ReadSession(bytes, offset, body, ref position) : null;
        return new SessionResult
        {
            Ordinal = ordinal,
            Job = job,
            Warnings = warnings,
            Session = session,
            FirstKey = new UInt128(high, low),
            Grouped = (flags & IsGrouped) != 0,
            Changed = changed,
            Shard = shard,
            Stored = bytes.AsMemory(offset, length),
        };
    }

    private static SessionModelSource ReadModelSource(ReadOnlySpan<byte> body, ref int position)
    {
        var source = (SessionModelSource)ReadByte(body, ref position);
        return Enum.IsDefined(source) ? source : throw new InvalidDataException("unknown model source");
    }

    private static ModelLaunch[] ReadLaunches(ReadOnlySpan<byte> body, ref int position)
    {
        var launches = new ModelLaunch[ReadCount(body, ref position)];
        for (var index = 0; index < launches.Length; index++)
        {
            var at = ReadMoment(body, ref position);
            launches[index] = new ModelLaunch(at, ModelNames.Canonical(ReadString(body, ref position)));
        }

        return launches;
    }

    private static SessionUsage ReadSession(byte[] bytes, int offset, ReadOnlySpan<byte> body, ref int position)
    {
        var id = ReadString(body, ref position);
        var title = ReadNullableString(body, ref position);
        var project = ReadNullableString(body, ref position);
        var forkedFrom = ReadNullableString(body, ref position);
        var started = ReadMoment(body, ref position);
        var ended = ReadMoment(body, ref position);
        var retries = ReadInt32(body, ref position);
        var mainAgentModel = ReadNullableString(body, ref position);
        var modelSource = ReadModelSource(body, ref position);
        var callCount = ReadCount(body, ref position);
        var callBytes = ReadCount(body, ref position);
        var callStart = position;
        position += callBytes;
        var stringCount = ReadCount(body, ref position);
        var strings = new string[stringCount];
        for (var index = 0; index < stringCount; index++)
        {
            strings[index] = ReadString(body, ref position);
        }

        var calls = StoredCalls.Read(bytes, offset + callStart, callBytes, callCount, strings);
        return new SessionUsage
        {
            SessionId = id,
            Title = title,
            Project = project,
            ForkedFrom = forkedFrom,
            StartedAt = started,
            EndedAt = ended,
            Calls = calls,
            Retries = retries,
            MainAgentModel = mainAgentModel,
            ModelSource = modelSource,
        };
    }

    private static byte[] WriteShard(IReadOnlyList<SessionResult> entries, long racyFrom)
    {
        var body = new ArrayBufferWriter<byte>(64 * 1024);
        var entry = new ArrayBufferWriter<byte>(16 * 1024);
        WriteInt32(body, entries.Count);
        foreach (var result in entries)
        {
            ReadOnlySpan<byte> bytes;
            if (result.Stamps.Count == 0 && !result.Stored.IsEmpty)
            {
                bytes = result.Stored.Span;
            }
            else
            {
                entry.ResetWrittenCount();
                WriteEntry(entry, result, racyFrom);
                bytes = entry.WrittenSpan;
            }

            WriteInt32(body, bytes.Length);
            bytes.CopyTo(body.GetSpan(bytes.Length));
            body.Advance(bytes.Length);
        }

        return Seal(ShardMagic, Version, CallFormat, body.WrittenSpan);
    }

    private static void WriteEntry(ArrayBufferWriter<byte> writer, SessionResult entry, long racyFrom)
    {
        WriteInt32(writer, entry.Ordinal);
        WriteString(writer, entry.Directory);
        WriteByte(writer, (byte)entry.Job.Format);
        WriteString(writer, entry.Job.SessionId);
        WriteNullableString(writer, entry.Job.Project);
        WriteString(writer, entry.Job.Model);
        WriteByte(writer, (byte)entry.Job.ModelSource);
        WriteInt32(writer, entry.Job.LaterLaunches.Count);
        foreach (var launch in entry.Job.LaterLaunches)
        {
            WriteMoment(writer, launch.At);
            WriteString(writer, launch.Model);
        }
        var flags = (entry.Session is null ? 0 : HasSession) | (entry.Grouped ? IsGrouped : 0) | (Racy(entry.Stamps, racyFrom) ? IsRacy : 0);
        WriteByte(writer, (byte)flags);
        WriteUInt64(writer, (ulong)entry.FirstKey);
        WriteUInt64(writer, (ulong)(entry.FirstKey >> 64));
        WriteStamps(writer, entry.Stamps);
        WriteWarnings(writer, entry.Warnings);
        if (entry.Session is not { } session)
        {
            return;
        }

        WriteString(writer, session.SessionId);
        WriteNullableString(writer, session.Title);
        WriteNullableString(writer, session.Project);
        WriteNullableString(writer, session.ForkedFrom);
        WriteMoment(writer, session.StartedAt);
        WriteMoment(writer, session.EndedAt);
        WriteInt32(writer, session.Retries);
        WriteNullableString(writer, session.MainAgentModel);
        WriteByte(writer, (byte)session.ModelSource);
        var strings = new List<string>();
        var calls = new ArrayBufferWriter<byte>(Math.Max(64, 16 * session.Calls.Count));
        StoredCalls.Write(calls, session.Calls, strings);
        WriteInt32(writer, session.Calls.Count);
        WriteInt32(writer, calls.WrittenCount);
        writer.Write(calls.WrittenSpan);
        WriteInt32(writer, strings.Count);
        foreach (var text in strings)
        {
            WriteString(writer, text);
        }
    }

    /// <summary>
    /// Writes stamps: a block length, a count, then each path (UTF-8, with a final zero byte, so that it is passed to
    /// <c>statx</c> as it is stored), whether it existed, and its stamp.
    /// </summary>
    private static void WriteStamps(ArrayBufferWriter<byte> writer, IReadOnlyList<(string Path, FileStamp? Stamp)> stamps)
    {
        var block = new ArrayBufferWriter<byte>(256 * Math.Max(1, stamps.Count));
        WriteInt32(block, stamps.Count);
        foreach (var (path, stamp) in stamps)
        {
            var length = Encoding.UTF8.GetByteCount(path) + 1;
            WriteInt32(block, length);
            var span = block.GetSpan(length);
            Encoding.UTF8.GetBytes(path, span);
            span[length - 1] = 0;
            block.Advance(length);
            WriteByte(block, stamp.HasValue ? (byte)1 : (byte)0);
            if (stamp is { } value)
            {
                WriteStamp(block, value);
            }
        }

        WriteInt32(writer, block.WrittenCount);
        block.WrittenSpan.CopyTo(writer.GetSpan(block.WrittenCount));
        writer.Advance(block.WrittenCount);
    }

    /// <summary>Checks stored stamps against the file system, and moves past them.</summary>
    /// <returns><see langword="true"/> when every path still has its stamp (or is still missing).</returns>
    private static bool StampsHold(ReadOnlySpan<byte> body, ref int position, bool skip = false)
    {
        var length = ReadCount(body, ref position);
        var end = position + length;
        var block = body[position..end];
        position = end;
        if (skip)
        {
            return false;
        }

        var at = 0;
        var count = ReadCount(block, ref at);
        for (var number = 0; number < count; number++)
        {
            var pathLength = ReadCount(block, ref at);
            var path = block.Slice(at, pathLength);
            at += pathLength;
            if (path.IsEmpty || path[^1] != 0)
            {
                throw new InvalidDataException("path not terminated");
            }

            var current = FileStamps.OfUtf8(path);
            if (ReadByte(block, ref at) == 0)
            {
                if (current is not null)
                {
                    return false;
                }

                continue;
            }

            if (current != ReadStamp(block, ref at))
            {
                return false;
            }
        }

        return at == block.Length ? true : throw new InvalidDataException("trailing stamp bytes");
    }

    private static bool Racy(IReadOnlyList<(string Path, FileStamp? Stamp)> stamps, long racyFrom)
    {
        foreach (var (_, stamp) in stamps)
        {
            if (stamp is { } value && value.LatestNanoseconds >= racyFrom)
            {
                return true;
            }
        }

        return false;
    }

    private static long RacyFrom(DateTimeOffset now) => ((now.UtcTicks - DateTime.UnixEpoch.Ticks) * 100) - RacyNanoseconds;

    private static void WriteWarnings(ArrayBufferWriter<byte> writer, IReadOnlyList<UsageWarning> warnings)
    {
        WriteInt32(writer, warnings.Count);
        foreach (var warning in warnings)
        {
            WriteString(writer, warning.Path);
            WriteString(writer, warning.Message);
        }
    }

    private static List<UsageWarning> ReadWarnings(ReadOnlySpan<byte> body, ref int position)
    {
        var count = ReadCount(body, ref position);
        var warnings = new List<UsageWarning>(count);
        for (var index = 0; index < count; index++)
        {
            warnings.Add(new UsageWarning(ReadString(body, ref position), ReadString(body, ref position)));
        }

        return warnings;
    }

    private static void WriteMoment(ArrayBufferWriter<byte> writer, DateTimeOffset moment)
    {
        WriteInt64(writer, moment.Ticks);
        WriteInt32(writer, (int)moment.Offset.TotalMinutes);
    }

    private static DateTimeOffset ReadMoment(ReadOnlySpan<byte> body, ref int position)
    {
        var ticks = ReadInt64(body, ref position);
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(ReadInt32(body, ref position)));
    }

    private static byte[]? TryReadFile(IFileSystem fileSystem, string path)
    {
        try
        {
            if (fileSystem is not FileSystem)
            {
                return fileSystem.File.ReadAllBytes(path);
            }

            // The real disk: into an array that is not cleared first (every byte is read over), without the advisory
            // lock a FileStream takes; only a regular file, so that a named pipe there is skipped at once, never waited on.
            using var handle = RegularFile.OpenHandle(path, followLinks: false);
            var length = RandomAccess.GetLength(handle);
            if (length > int.MaxValue)
            {
                return null;
            }

            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            var read = 0;
            while (read < bytes.Length)
            {
                var count = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                if (count == 0)
                {
                    return null;
                }

                read += count;
            }

            return bytes;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(IKimiIndexWriter writer, string path, byte[] content)
    {
        try
        {
            writer.Write(path, content);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The result is a cache: the next reading rebuilds what could not be written.
        }
    }

    private static string ShardPath(IFileSystem fileSystem, string directory, int shard) =>
        fileSystem.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"result-{shard:x2}.bin"));
}
