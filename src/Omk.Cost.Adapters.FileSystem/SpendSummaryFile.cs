using System.IO.Abstractions;
using System.IO.Hashing;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Keeps the <see cref="SpendSummary"/> of <c>costs.json</c> beside it, in <c>costs.json.summary</c>, so that a gate or
/// a status adds up the spend without reading every session. <c>costs.json</c> stays the truth: the summary is a cache,
/// used only when it is known to be of the history's bytes as they are now, and rebuilt from them otherwise.
/// </summary>
/// <remarks>
/// A summary is trusted without reading <c>costs.json</c> only when the file's exact stamp (device, inode, size,
/// modification and status-change times in nanoseconds, from <c>statx</c>) is the one the summary was made from, and
/// that stamp was more than <see cref="RacyWindow"/> older than the moment its bytes were read: any later change of the
/// file (a rename over it, a write in place) changes the stamp. Otherwise, and wherever stamps are not exact, the bytes
/// are read and their XxHash128 compared with the summary's; a summary whose hash differs is never used. The file is
/// checked by its own checksum, written atomically below the state folder without following a link (readable by the
/// owner alone) and not flushed to disk: a torn or lost summary is rebuilt. Writing it is best effort.
/// </remarks>
internal sealed class SpendSummaryFile
{
    /// <summary>How long after its last change a file's stamp alone vouches for its bytes (a coarse clock's tick, with room).</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>The file's name after the history's.</summary>
    public const string Suffix = ".summary";

    private readonly IFileSystem _fileSystem;
    private readonly string _historyPath;
    private readonly string _stateDirectory;
    private readonly AtomicFileWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="SpendSummaryFile"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="historyPath">The full path of <c>costs.json</c>.</param>
    public SpendSummaryFile(IFileSystem fileSystem, string historyPath)
    {
        _fileSystem = fileSystem;
        _historyPath = historyPath;
        _stateDirectory = fileSystem.Path.GetDirectoryName(historyPath)!;
        Path = historyPath + Suffix;
        _writer = new AtomicFileWriter(fileSystem, durable: false);
    }

    /// <summary>Gets the summary file's full path.</summary>
    public string Path { get; }

    /// <summary>Takes the history's stamp now.</summary>
    /// <returns>The stamp, or null when there is no file.</returns>
    public FileStamp? HistoryStamp() => FileStamps.Of(_fileSystem, _historyPath);

    /// <summary>Gets the stored summary when its stamp alone vouches that it is of the history as it is now.</summary>
    /// <param name="stored">The stored summary, or null.</param>
    /// <param name="stamp">The history's stamp now.</param>
    /// <returns>The summary, or null when the history's bytes must be read.</returns>
    public SpendSummary? TrustedByStamp(SpendSummary? stored, FileStamp? stamp) =>
        stored is { Marks.Racy: false } && stamp is { } now && FileStamps.Exact(_fileSystem) && stored.Marks.Stamp == now ? stored : null;

    /// <summary>Reads the stored summary; null when there is none or it is damaged, of another format, or not a regular file.</summary>
    /// <returns>The summary, or null.</returns>
    public SpendSummary? Load()
    {
        try
        {
            return _fileSystem.File.Exists(Path) ? SpendSummary.TryParse(RegularFile.ReadAllBytes(_fileSystem, Path, followLinks: false)) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotARegularFileException)
        {
            return null;
        }
    }

    /// <summary>
    /// Gets the summary of the history's bytes: the stored one when it was made from the same bytes (same hash and
    /// length), else one made from the bytes; stores it with the marks of this reading when those were taken around it.
    /// </summary>
    /// <param name="stored">The stored summary, or null.</param>
    /// <param name="bytes">The history's bytes, read between <paramref name="before"/> and <paramref name="after"/>.</param>
    /// <param name="before">The history's stamp before its bytes were read.</param>
    /// <param name="after">The history's stamp after.</param>
    /// <param name="sessions">Reads the sessions from the bytes, when the summary must be made anew.</param>
    /// <returns>The summary of the bytes.</returns>
    public SpendSummary Of(SpendSummary? stored, byte[] bytes, FileStamp? before, FileStamp? after, Func<IReadOnlyList<SessionCost>> sessions)
    {
        var hash = XxHash128.HashToUInt128(bytes);
        var settled = before is not null && before == after;
        var marks = new SummaryMarks(before ?? default, hash, !settled || IsRacy(before!.Value));
        SpendSummary summary;
        if (stored is not null && stored.Marks.Hash == hash && stored.Marks.Stamp.Size == bytes.Length)
        {
            if (stored.Marks == marks || !settled)
            {
                return stored;
            }

            summary = stored.WithMarks(marks);
        }
        else
        {
            summary = SpendSummary.Of(sessions(), marks);
        }

        if (settled)
        {
            Save(summary);
        }

        return summary;
    }

    /// <summary>
    /// Stores the summary of a history omk has just rewritten, made from the summary of the history it replaced when
    /// that one is known to be of the bytes replaced.
    /// </summary>
    /// <param name="replaced">The summary of the bytes replaced, checked against them; null when none is known.</param>
    /// <param name="replacedBytes">The bytes replaced.</param>
    /// <param name="items">The new history's sessions: kept ones by their index in the replaced history, new ones whole.</param>
    /// <param name="writtenHash">The XxHash128 of the bytes written.</param>
    public void Rewritten(SpendSummary? replaced, ReadOnlySpan<byte> replacedBytes, IReadOnlyList<(int? Kept, SpendEntry Added)> items, UInt128 writtenHash)
    {
        if (replaced is null
            || replaced.Marks.Stamp.Size != replacedBytes.Length
            || replaced.Marks.Hash != XxHash128.HashToUInt128(replacedBytes)
            || HistoryStamp() is not { } stamp)
        {
            return;
        }

        Save(replaced.With(items, new SummaryMarks(stamp, writtenHash, IsRacy(stamp))));
    }

    private bool IsRacy(FileStamp stamp)
    {
        // File times are the system's real clock, whatever clock the caller tells time by.
        var now = (DateTimeOffset.UtcNow.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
        return !FileStamps.Exact(_fileSystem) || stamp.LatestNanoseconds >= now - (RacyWindow.Ticks * 100);
    }

    private void Save(SpendSummary summary)
    {
        try
        {
            _writer.WriteBelow(_stateDirectory, _fileSystem.Path.GetFileName(Path), summary.Serialize());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OverflowException)
        {
            // A cache: the next reading makes it again.
        }
    }
}
