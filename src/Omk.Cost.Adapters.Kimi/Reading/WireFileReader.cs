using System.IO.Abstractions;
using System.IO.Hashing;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Streams one <c>wire.jsonl</c> into a <see cref="WireFileState"/>, line by line, skipping and counting what cannot
/// be used, and reporting that in one warning for the file. A read can go on from the state of an earlier one: it
/// then checks that the file still begins, and still ends at the earlier offset, with the same bytes, and reads only
/// what follows; otherwise it reads the file from its start.
/// </summary>
internal static class WireFileReader
{
    /// <summary>No buffering in the stream: <see cref="JsonlLineReader"/> reads in large blocks into its own buffer.</summary>
    private const int StreamBufferBytes = 1;
    private const int LinesBetweenCancellationChecks = 4096;

    /// <summary>
    /// How long a log must have gone unwritten for its incomplete last line to be a warning: until then Kimi may still
    /// be writing it (a live session); after, the writer died mid-line (a crash).
    /// </summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(10);

    /// <summary>The model of a call whose model nothing names.</summary>
    public const string UnknownModel = "unknown";

    /// <summary>Reads a whole file.</summary>
    public static WireFileRead Read(IFileSystem fileSystem, string path, WireFormat format, string agent, ICollection<UsageWarning> warnings, CancellationToken cancellationToken) =>
        Read(fileSystem, path, format, agent, stamp: null, resume: null, warnings, cancellationToken);

    /// <summary>
    /// Reads a file, going on from <paramref name="resume"/> when the file is still the one it was read from.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <param name="format">Its log format.</param>
    /// <param name="agent">The agent whose log it is: empty for the session's own, else the subagent's id.</param>
    /// <param name="stamp">The file's stamp, taken before this read, or null when unknown.</param>
    /// <param name="resume">The state of an earlier read of the same file, or null to read from the start.</param>
    /// <param name="warnings">Receives the file's warnings.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The state up to the last complete line, and with the incomplete last line, if any.</returns>
    public static WireFileRead Read(
        IFileSystem fileSystem,
        string path,
        WireFormat format,
        string agent,
        FileStamp? stamp,
        WireFileState? resume,
        ICollection<UsageWarning> warnings,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var committed = WireFileState.Empty(path, format, agent);
        var final = committed;
        try
        {
            // Kimi may be appending to a live session's log: share it for writing and deletion.
            using var stream = RegularFile.OpenRead(fileSystem, path, StreamBufferBytes, FileOptions.SequentialScan);
            if (resume is not null && resume.Offset <= stream.Length && Hashes(stream, resume.Offset) == (resume.HeadHash, resume.TailHash))
            {
                committed = resume.Clone();
                final = committed;
            }

            stream.Position = committed.Offset;
            using (var reader = new JsonlLineReader(stream, committed.Offset, committed.Lines))
            {
                while (reader.TryReadLine(out var text))
                {
                    if (reader.LineNumber % LinesBetweenCancellationChecks == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var line = reader.LineTooLong
                        ? new WireLine { Kind = WireLineKind.TooLong }
                        : format == WireFormat.KimiCli ? KimiCliWireParser.Parse(text, validateWhole: !reader.LineTerminated) : KimiCodeWireParser.Parse(text);
                    if (reader.LineTerminated)
                    {
                        committed.Add(line, reader.LineNumber, terminated: true);
                        committed.Lines = reader.LineNumber;
                    }
                    else
                    {
                        // Only the last line can lack its line feed: a line still being written is never kept in the index,
                        // and is no warning while the file is live.
                        if (line.Kind == WireLineKind.InvalidJson && IsLive(fileSystem, path))
                        {
                            line.Kind = WireLineKind.Ignored;
                        }

                        final = committed.Clone();
                        final.Add(line, reader.LineNumber, terminated: false);
                        final.Lines = reader.LineNumber;
                    }
                }

                committed.Offset = reader.EndOfLastTerminatedLine;
            }

            // Without a stamp the state is not kept, so its hashes are not needed.
            if (stamp is { } taken)
            {
                (committed.HeadHash, committed.TailHash) = Hashes(stream, committed.Offset);
                committed.Stamp = taken;
            }
            else
            {
                committed.Cacheable = false;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            committed.Cacheable = false;
            warnings.Add(new UsageWarning(path, $"cannot be read, the rest of it skipped: {exception.Message}"));
        }

        if (final.Diagnostics.ToWarning(final.Lines) is { } warning)
        {
            warnings.Add(warning);
        }

        return new WireFileRead(committed, final);
    }

    /// <summary>Tells whether a file was written within <see cref="LiveWindow"/> (or when its time cannot be read).</summary>
    private static bool IsLive(IFileSystem fileSystem, string path)
    {
        try
        {
            return DateTime.UtcNow - fileSystem.File.GetLastWriteTimeUtc(path) < LiveWindow;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>
    /// Hashes the first bytes of a file and the bytes just before an offset (at most
    /// <see cref="KimiIndexFormat.HashedBytes"/> each), which a rewritten file would not keep.
    /// </summary>
    private static (ulong Head, ulong Tail) Hashes(Stream stream, long offset)
    {
        Span<byte> buffer = stackalloc byte[KimiIndexFormat.HashedBytes];
        var headLength = (int)Math.Min(offset, KimiIndexFormat.HashedBytes);
        stream.Position = 0;
        stream.ReadExactly(buffer[..headLength]);
        var head = XxHash3.HashToUInt64(buffer[..headLength]);
        if (offset <= KimiIndexFormat.HashedBytes)
        {
            return (head, head);
        }

        stream.Position = offset - KimiIndexFormat.HashedBytes;
        stream.ReadExactly(buffer);
        return (head, XxHash3.HashToUInt64(buffer));
    }
}
