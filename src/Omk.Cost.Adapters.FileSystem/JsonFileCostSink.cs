using System.Buffers;
using System.Globalization;
using System.IO.Abstractions;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Stores the cost history in one JSON file, <c>costs.json</c>, in the format of the Rust omk 0.5.0.
/// </summary>
/// <remarks>
/// Every change is a read-modify-write under an exclusive cross-process lock (<c>costs.json.lock</c>) and is
/// written atomically, so concurrent recorders never lose a session and a crash never leaves a torn file.
/// Sessions already stored are written back byte for byte. A file that is not a cost history is never
/// overwritten, except by <see cref="ClearAsync"/>, which first moves it aside.
/// </remarks>
internal sealed class JsonFileCostSink : ICostSink, ISessionIdAssigner
{
    private const int WriterFlushThreshold = 64 * 1024;
    private const int ReadChunkSize = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IFileSystem _fileSystem;
    private readonly TimeProvider _timeProvider;
    private readonly AtomicFileWriter _writer;
    private readonly TimeSpan _lockTimeout;
    private readonly bool _insecureStateDirectory;
    private readonly StateFile _file;
    private readonly SpendSummaryFile _summary;

    /// <summary>
    /// Initializes a new instance of the <see cref="JsonFileCostSink"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system that holds the history.</param>
    /// <param name="options">
    /// Where the history is and how long to wait for its lock. The state folder must be set: the sink reads no
    /// environment variable (<c>AddOmkCost()</c> fills in the default).
    /// </param>
    /// <exception cref="ArgumentException">The options name no state folder.</exception>
    /// <param name="timeProvider">The clock for lock waits and for naming files moved aside.</param>
    public JsonFileCostSink(IFileSystem fileSystem, IOptions<OmkCostOptions> options, TimeProvider timeProvider)
        : this(fileSystem ?? throw new ArgumentNullException(nameof(fileSystem)), (options ?? throw new ArgumentNullException(nameof(options))).Value, fileName: null, timeProvider)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="JsonFileCostSink"/> class over another file of the same state folder
    /// (the outbox's), with every other setting as <paramref name="options"/> has it.
    /// </summary>
    /// <param name="fileSystem">The file system that holds the history.</param>
    /// <param name="options">The state folder's options, shared, not copied.</param>
    /// <param name="fileName">The file's name in the state folder, or null for <see cref="OmkCostOptions.FileName"/>.</param>
    /// <param name="timeProvider">The clock for lock waits and for naming files moved aside.</param>
    internal JsonFileCostSink(IFileSystem fileSystem, OmkCostOptions options, string? fileName, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var settings = options;
        if (string.IsNullOrWhiteSpace(settings.StateDirectory))
        {
            throw new ArgumentException(
                $"{nameof(OmkCostOptions)}.{nameof(OmkCostOptions.StateDirectory)} must be set: AddOmkCost() sets it from the environment, or set it to OmkStateDirectory.Resolve().",
                nameof(options));
        }

        _fileSystem = fileSystem;
        _timeProvider = timeProvider;
        _writer = new AtomicFileWriter(fileSystem);
        _lockTimeout = settings.LockTimeout;
        _insecureStateDirectory = settings.InsecureStateDirectory;
        var directory = fileSystem.Path.GetFullPath(settings.StateDirectory);
        FilePath = fileSystem.Path.Combine(directory, fileName ?? settings.FileName);
        LockFilePath = FilePath + ".lock";
        _file = new StateFile(fileSystem, FilePath, "cost history", "JSON array");
        _summary = new SpendSummaryFile(fileSystem, FilePath);
    }

    /// <summary>Gets the full path of the history file.</summary>
    public string FilePath { get; }

    /// <inheritdoc/>
    /// <value>The full path of the history file.</value>
    public string Location => FilePath;

    /// <summary>Gets the full path of the lock file that serialises writers.</summary>
    public string LockFilePath { get; }

    /// <inheritdoc/>
    public Task AppendAsync(SessionCost session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        RefuseUnstorableText(session);
        var document = SessionCostDocument.From(session);
        return ChangeAsync(history => Appended(history, document), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var session in sessions)
        {
            ArgumentException.ThrowIfNullOrEmpty(session.Id, nameof(sessions));
            RefuseUnstorableText(session);
        }

        if (mode == UpsertMode.DryRun)
        {
            // A dry run is a reader: no lock, no state folder, nothing written.
            cancellationToken.ThrowIfCancellationRequested();
            var current = await ReadHistoryForDryRunAsync(cancellationToken).ConfigureAwait(false);
            return PlanUpsert(current, sessions).Outcome;
        }

        var outcome = default(UpsertOutcome);
        await ChangeAsync(
            history =>
            {
                (outcome, var items) = PlanUpsert(history, sessions);
                return outcome.Added + outcome.Replaced == 0 ? null : items;
            },
            cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SessionCost> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StateDirectoryCheck.Ensure(_fileSystem, StateDirectory, _insecureStateDirectory);
        var stream = OpenForReading();
        if (stream is null)
        {
            yield break;
        }

        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ReadChunkSize);
            try
            {
                var length = await FillAsync(stream, buffer, 0, cancellationToken).ConfigureAwait(false);
                var start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
                var scanner = new HistoryScanner(FilePath, materialize: true, startOffset: start);
                var found = new List<ScannedSession>();
                var final = length < buffer.Length;

                while (true)
                {
                    found.Clear();
                    var consumed = scanner.Scan(buffer.AsSpan(start, length - start), final, found);
                    foreach (var scanned in found)
                    {
                        yield return scanned.Session!;
                    }

                    if (final)
                    {
                        yield break;
                    }

                    // Keep the unconsumed tail, grow the buffer if one session does not fit, and read on.
                    var left = length - start - consumed;
                    if (left == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(start + consumed, left).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    else
                    {
                        buffer.AsSpan(start + consumed, left).CopyTo(buffer);
                    }

                    start = 0;
                    length = await FillAsync(stream, buffer, left, cancellationToken).ConfigureAwait(false);
                    final = length < buffer.Length;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>The history exists when its file does, whatever it holds.</remarks>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Anything at the path counts, a folder or a link to nothing too: a reset refuses it or moves it aside, and says so.
        return Task.FromResult(_fileSystem.File.Exists(FilePath) || _fileSystem.Directory.Exists(FilePath) || _file.LinkTarget() is not null);
    }

    /// <inheritdoc/>
    public async Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken)
    {
        long? removed = null;
        string? movedAside = null;
        await ChangeAsync(
            history =>
            {
                // A file moved aside was unreadable: how many sessions it held is not known.
                removed = movedAside is null ? history.Sessions.Count : null;
                return [];
            },
            cancellationToken,
            onUnreadable: _ =>
            {
                movedAside = MoveAside();
                return StoredHistory.Empty;
            },
            onWriteFailed: exception => movedAside is null
                ? null
                : new CostStoreException($"{FilePath} was not a readable cost history: moved it to {movedAside}; could not create a new history: {exception.Message}", exception)).ConfigureAwait(false);
        return new ClearOutcome(removed, movedAside);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A session given an id keeps every byte it had, with only its <c>"id"</c> member added (or its <c>null</c>
    /// replaced): nested keys this version does not know and timestamps finer than .NET's ticks stay as written. An id
    /// that the history already holds is never given again: <paramref name="idFor"/> is asked once more for the same
    /// session, and a content id then counts the next identical session (<c>SessionIds.ContentId</c>).
    /// </remarks>
    public async Task<int> AssignIdsAsync(Func<SessionCost, string> idFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idFor);
        var assigned = 0;
        await ChangeAsync(
            history =>
            {
                var items = history.Sessions.Select(HistoryItem.Keep).ToList();
                var taken = history.Sessions.Where(static stored => stored.Id is not null).Select(static stored => stored.Id!).ToHashSet(StringComparer.Ordinal);
                for (var index = 0; index < history.Sessions.Count; index++)
                {
                    if (history.Sessions[index].Id is null)
                    {
                        var raw = history.RawOf(history.Sessions[index]);
                        var (session, _) = StoredSessionCost(raw.Span);
                        string id;
                        do
                        {
                            id = idFor(session);
                        }
                        while (!taken.Add(id));

                        items[index] = HistoryItem.WriteBytes(WithId(raw.Span, id));
                        assigned++;
                    }
                }

                return assigned == 0 ? null : items;
            },
            cancellationToken).ConfigureAwait(false);
        return assigned;
    }

    /// <summary>
    /// Gives the bytes of one stored session object an <c>"id"</c>: a top-level <c>"id": null</c> takes the id as its
    /// value; otherwise the member is added first, with the white space that stands before the object's first member.
    /// </summary>
    private static byte[] WithId(ReadOnlySpan<byte> session, string id)
    {
        var value = JsonEncodedText.Encode(id, WriterOptions.Encoder);
        var quoted = new byte[value.EncodedUtf8Bytes.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        value.EncodedUtf8Bytes.CopyTo(quoted.AsSpan(1));

        var reader = new Utf8JsonReader(session);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && reader.TokenType == JsonTokenType.Null)
            {
                var at = (int)reader.TokenStartIndex;
                return [.. session[..at], .. quoted, .. session[(at + 4)..]];
            }

            reader.Skip();
        }

        var first = 1 + session[1..].IndexOfAnyExcept(" \t\r\n"u8);
        var space = session[1..first];
        return [.. session[..first], .. "\"id\": "u8, .. quoted, (byte)',', .. space, .. session[first..]];
    }

    /// <summary>
    /// Runs a step of a store that keeps its files beside the history (budgets, reservations) under the history's lock,
    /// <c>costs.json.lock</c>: the step can ask for the history's <see cref="SpendSummary"/>, append a session, and ask
    /// whether the history holds a session id, with the functions it is given, and writes its own files before it
    /// returns, so that no writer of the history or of those files comes in between. The history is read only when the
    /// summary cannot be trusted, a session is appended, or an id is asked for. A session whose id the history holds
    /// already is not appended again: a settle tried again records its session once.
    /// </summary>
    /// <typeparam name="T">The type of the step's result.</typeparam>
    /// <param name="step">Gets the history's functions (<see cref="LockedHistory"/>) and the cancellation token.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What the step returned.</returns>
    internal Task<T> RunLockedAsync<T>(
        Func<LockedHistory, CancellationToken, Task<T>> step,
        CancellationToken cancellationToken)
    {
        StoredHistory? history = null;
        SpendSummary? summary = null;
        return LockedAsync(
            token => step(
                new LockedHistory(
                    async summaryToken => summary ??= await SummaryAsync(bytes => history = StoredHistory.Parse(FilePath, bytes, materialize: true), summaryToken).ConfigureAwait(false),
                    async (session, appendToken) =>
                    {
                        history ??= await ReadHistoryAsync(appendToken).ConfigureAwait(false);
                        if (session.Id is { } id && Holds(history, id))
                        {
                            return;
                        }

                        // Only once the path is known to be a readable history (or none): a link's target folder is not swept otherwise.
                        _writer.RemoveOrphanedTempFiles(FilePath);
                        await WriteAsync(history, Appended(history, SessionCostDocument.From(session)), appendToken, summary).ConfigureAwait(false);
                    },
                    async (id, holdsToken) => Holds(history ??= await ReadHistoryAsync(holdsToken).ConfigureAwait(false), id)),
                token),
            cancellationToken);
    }

    private static bool Holds(StoredHistory history, string id) =>
        history.Sessions.Any(stored => string.Equals(stored.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// Gets the <see cref="SpendSummary"/> of the history as it is now without its lock, for readers that must not wait
    /// (a status line): the summary file when it is known to be of the history's bytes, else one made from them (and
    /// stored for the next reader).
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="CostFileFormatException">The history is not a cost history.</exception>
    /// <exception cref="CostStoreException">The history cannot be read.</exception>
    internal async Task<SpendSummary> ReadSpendSummaryAsync(CancellationToken cancellationToken)
    {
        StateDirectoryCheck.Ensure(_fileSystem, StateDirectory, _insecureStateDirectory);
        try
        {
            return await SummaryAsync(bytes => StoredHistory.Parse(FilePath, bytes, materialize: true), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(exception);
        }
    }

    /// <summary>The summary the stamp vouches for, else the one of the bytes read now (parsed by <paramref name="parse"/> when it must be made anew).</summary>
    private async Task<SpendSummary> SummaryAsync(Func<byte[], StoredHistory> parse, CancellationToken cancellationToken)
    {
        var before = _summary.HistoryStamp();
        var stored = _summary.Load();
        if (_summary.TrustedByStamp(stored, before) is { } trusted)
        {
            return trusted;
        }

        var bytes = await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var after = _summary.HistoryStamp();
        return _summary.Of(stored, bytes, before, after, () => parse(bytes).Materialized);
    }

    private static List<HistoryItem> Appended(StoredHistory history, SessionCostDocument document)
    {
        var items = new List<HistoryItem>(history.Sessions.Count + 1);
        items.AddRange(history.Sessions.Select(HistoryItem.Keep));
        items.Add(HistoryItem.Write(document));
        return items;
    }

    private Task ChangeAsync(
        Func<StoredHistory, List<HistoryItem>?> change,
        CancellationToken cancellationToken,
        Func<CostFileFormatException, StoredHistory>? onUnreadable = null,
        Func<Exception, CostStoreException?>? onWriteFailed = null) =>
        UnderLockAsync(
            async (history, token) =>
            {
                if (change(history) is { } items)
                {
                    try
                    {
                        await WriteAsync(history, items, token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
                        && onWriteFailed?.Invoke(exception) is { } failure)
                    {
                        throw failure;
                    }
                }

                return true;
            },
            cancellationToken,
            onUnreadable);

    /// <summary>
    /// Rewrites the history, then its summary from the one of the bytes replaced (<paramref name="summary"/>, or the
    /// stored one), when that one is known to be of them. A rewrite that writes sessions as given bytes (ids added to
    /// kept sessions) leaves the summary to the next reader, which makes it from the new bytes.
    /// </summary>
    private async Task WriteAsync(StoredHistory history, List<HistoryItem> items, CancellationToken cancellationToken, SpendSummary? summary = null)
    {
        // Without a summary of the bytes replaced there is nothing to carry on: the write is not hashed either.
        var replaced = items.Exists(static item => item.Kept is null && item.Document is null) ? null : summary ?? _summary.Load();
        var hash = replaced is null ? null : new XxHash128();
        await _writer.WriteAsync(FilePath, (stream, token) => WriteHistoryAsync(stream, hash, history, items, token), cancellationToken).ConfigureAwait(false);
        if (replaced is null)
        {
            return;
        }

        _summary.Rewritten(
            replaced,
            history.Buffer,
            [.. items.Select(static item => item.Kept is { } kept ? ((int?)kept.Index, default(SpendEntry)) : (null, SpendEntry.Of(item.Document!)))],
            hash!.GetCurrentHashAsUInt128());
    }

    private Task<T> UnderLockAsync<T>(
        Func<StoredHistory, CancellationToken, Task<T>> step,
        CancellationToken cancellationToken,
        Func<CostFileFormatException, StoredHistory>? onUnreadable = null) =>
        LockedAsync(
            async token =>
            {
                StoredHistory history;
                try
                {
                    history = await ReadHistoryAsync(token).ConfigureAwait(false);
                }
                catch (CostFileFormatException exception) when (onUnreadable is not null)
                {
                    history = onUnreadable(exception);
                }

                // Only once the path is known to be a readable history (or none): a link's target folder is not swept otherwise.
                _writer.RemoveOrphanedTempFiles(FilePath);

                return await step(history, token).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Runs a step under the history's lock, in a checked state folder that it creates when missing.</summary>
    private async Task<T> LockedAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        // A cancelled change must not even create the state folder.
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            StateDirectoryCheck.Ensure(_fileSystem, StateDirectory, _insecureStateDirectory);
            CreateStateDirectory();
            var held = await LockAsync(cancellationToken).ConfigureAwait(false);
            await using (held.ConfigureAwait(false))
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CostStoreException($"could not write {FilePath}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Refuses a session whose text could be written but not read back (<see cref="SessionText"/>). Control characters
    /// are stored, escaped; refusing them in what a person types is the command's rule.
    /// </summary>
    private static void RefuseUnstorableText(SessionCost session)
    {
        if ((SessionText.FindProblem(session, controlCharacters: false) ?? SessionTimes.FindProblem(session)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(session));
        }
    }

    private string StateDirectory => _fileSystem.Path.GetDirectoryName(FilePath)!;

    private async Task<FileLock> LockAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await FileLock.AcquireAsync(_fileSystem, LockFilePath, _lockTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (FileLockTimeoutException exception)
        {
            throw new CostStoreLockTimeoutException(LockFilePath, _lockTimeout, exception);
        }
    }

    /// <summary>
    /// Reads the whole history for a rewrite, under the state folder's rule for links and file types (<see cref="StateFile"/>):
    /// a record refuses a link that is not to a readable history, and a reset moves the link, never its target.
    /// </summary>
    private async Task<StoredHistory> ReadHistoryAsync(CancellationToken cancellationToken) =>
        StoredHistory.Parse(FilePath, await _file.ReadAllAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Writes the array by hand: kept sessions as their original bytes, new ones serialized and indented
    /// one level, so that the file reads as if written in one go with two-space indentation.
    /// </summary>
    private static async Task WriteHistoryAsync(Stream stream, XxHash128? hash, StoredHistory history, List<HistoryItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            await PutAsync("[]\n"u8.ToArray()).ConfigureAwait(false);
            return;
        }

        var output = new ArrayBufferWriter<byte>(4096);
        var scratch = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(scratch, WriterOptions);
        output.Write("["u8);
        var index = 0;
        while (index < items.Count)
        {
            output.Write(index == 0 ? "\n  "u8 : ",\n  "u8);
            if (items[index].Bytes is { } bytes)
            {
                output.Write(bytes);
                index++;
                continue;
            }

            if (items[index].Kept is { } first)
            {
                // Sessions that stood next to each other in the file go back as one slice of its bytes, separators included.
                var last = first;
                var next = index + 1;
                while (next < items.Count && items[next].Kept is { } following && following.Index == last.Index + 1)
                {
                    last = following;
                    next++;
                }

                await PutAsync(output.WrittenMemory).ConfigureAwait(false);
                output.ResetWrittenCount();
                await PutAsync(history.Buffer.AsMemory(first.Start, last.Start + last.Length - first.Start)).ConfigureAwait(false);
                index = next;
                continue;
            }

            scratch.ResetWrittenCount();
            writer.Reset();
            JsonSerializer.Serialize(writer, items[index].Document, CostJsonContext.Default.SessionCostDocument);
            WriteIndented(output, scratch.WrittenSpan);
            index++;
            if (output.WrittenCount >= WriterFlushThreshold)
            {
                await PutAsync(output.WrittenMemory).ConfigureAwait(false);
                output.ResetWrittenCount();
            }
        }

        output.Write("\n]\n"u8);
        await PutAsync(output.WrittenMemory).ConfigureAwait(false);

        // What is written is hashed too, for the history's summary.
        ValueTask PutAsync(ReadOnlyMemory<byte> bytes)
        {
            hash?.Append(bytes.Span);
            return stream.WriteAsync(bytes, cancellationToken);
        }
    }

    /// <summary>Copies serialized JSON, indenting every line after the first by two spaces (JSON strings hold no raw line breaks).</summary>
    private static void WriteIndented(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> json)
    {
        int lineEnd;
        while ((lineEnd = json.IndexOf((byte)'\n')) >= 0)
        {
            output.Write(json[..(lineEnd + 1)]);
            output.Write("  "u8);
            json = json[(lineEnd + 1)..];
        }

        output.Write(json);
    }

    /// <summary>
    /// Decides an upsert on a history: which sessions are added, which replace a stored one (keeping the keys this
    /// version does not know of the stored one), and which are already stored as given. Both the upsert and its dry
    /// run decide by this one method.
    /// </summary>
    private (UpsertOutcome Outcome, List<HistoryItem> Items) PlanUpsert(StoredHistory history, IReadOnlyCollection<SessionCost> sessions)
    {
        var items = history.Sessions.Select(HistoryItem.Keep).ToList();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < history.Sessions.Count; index++)
        {
            if (history.Sessions[index].Id is { } id)
            {
                byId[id] = index;
            }
        }

        var unknownOf = new Dictionary<int, Dictionary<string, JsonElement>?>();
        int added = 0, replaced = 0, unchanged = 0;
        foreach (var session in sessions)
        {
            if (!byId.TryGetValue(session.Id!, out var index))
            {
                byId[session.Id!] = items.Count;
                items.Add(HistoryItem.Write(SessionCostDocument.From(session)));
                added++;
                continue;
            }

            SessionCostDocument stored;
            if (items[index].Kept is { } kept)
            {
                (stored, var unknown) = StoredDocument(history.RawOf(kept).Span);
                unknownOf[index] = unknown;
            }
            else
            {
                stored = items[index].Document!;
            }

            var document = SessionCostDocument.From(session, unknownOf.GetValueOrDefault(index));
            if (stored.HasSameContent(document))
            {
                unchanged++;
            }
            else
            {
                items[index] = HistoryItem.Write(document);
                replaced++;
            }
        }

        return (new UpsertOutcome(added, replaced, unchanged), items);
    }

    private (SessionCostDocument Document, Dictionary<string, JsonElement>? UnknownFields) StoredDocument(ReadOnlySpan<byte> raw)
    {
        var (session, unknown) = StoredSessionCost(raw);
        return (SessionCostDocument.From(session, unknown), unknown);
    }

    private (SessionCost Session, Dictionary<string, JsonElement>? UnknownFields) StoredSessionCost(ReadOnlySpan<byte> raw)
    {
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!SessionCostReader.TryRead(ref reader, materialize: true, unknown, out var session, out _, out var error))
        {
            throw new CostFileFormatException(FilePath, null, null, error.Reason);
        }

        return (session!, unknown.Count > 0 ? unknown : null);
    }

    private async Task<StoredHistory> ReadHistoryForDryRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            StateDirectoryCheck.Ensure(_fileSystem, StateDirectory, _insecureStateDirectory);
            return await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(exception);
        }
    }

    /// <summary>
    /// Renames the unreadable file (the link itself, when it is one) aside in its own folder, to
    /// <c>&lt;name&gt;.corrupt-&lt;UTC time&gt;</c>: no copy, no target touched. The one way an unreadable file of the
    /// state folder is set aside (the history by a reset, the outbox by a send).
    /// </summary>
    /// <param name="asideOf">The path whose name the moved file takes with its suffix; null for the file itself.</param>
    /// <returns>Where the file now is.</returns>
    internal string MoveAside(string? asideOf = null)
    {
        var stem = asideOf ?? FilePath;
        var stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{stem}.corrupt-{stamp}";
        for (var attempt = 2; _fileSystem.File.Exists(aside); attempt++)
        {
            aside = string.Create(CultureInfo.InvariantCulture, $"{stem}.corrupt-{stamp}-{attempt}");
        }

        _fileSystem.File.Move(FilePath, aside);
        return aside;
    }

    private void CreateStateDirectory() => PrivateFolder.Create(_fileSystem, StateDirectory);

    private FileSystemStream? OpenForReading()
    {
        try
        {
            return _file.OpenRead(bufferSize: 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(exception);
        }
    }

    private CostStoreException CannotRead(Exception exception) =>
        new($"could not read {FilePath}: {exception.Message}", exception);

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes now in it.</summary>
    private async Task<int> FillAsync(Stream stream, byte[] buffer, int filled, CancellationToken cancellationToken)
    {
        try
        {
            int read;
            while (filled < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return filled;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(exception);
        }
    }
}
