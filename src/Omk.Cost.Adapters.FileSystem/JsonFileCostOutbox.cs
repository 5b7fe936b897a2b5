using System.Globalization;
using System.IO.Abstractions;
using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The outbox of a team store: sessions that could not reach it, kept in <c>costs-outbox.json</c> in the state
/// folder, in the format and with the guarantees of <c>costs.json</c> (atomic writes under a cross-process lock).
/// </summary>
/// <remarks>
/// A send first renames the outbox, under its lock, to <c>costs-outbox.json.sending-&lt;time&gt;-&lt;random&gt;</c>: a
/// record that comes meanwhile starts a new outbox and is never removed by this send. A sending file is deleted only
/// after its sessions were sent; one left by a send that failed or crashed is sent again by the next (sending is
/// idempotent by id).
/// </remarks>
internal sealed class JsonFileCostOutbox : ICostOutbox
{
    /// <summary>The outbox's file name in the state folder.</summary>
    public const string FileName = "costs-outbox.json";

    private const string SendingInfix = ".sending-";

    private readonly IFileSystem _fileSystem;
    private readonly TimeProvider _timeProvider;
    private readonly OmkCostOptions _settings;
    private readonly string _directory;
    private readonly JsonFileCostSink _pending;
    private readonly List<string> _setAside = [];

    /// <summary>Initializes a new instance of the <see cref="JsonFileCostOutbox"/> class.</summary>
    /// <param name="fileSystem">The file system that holds the state folder.</param>
    /// <param name="options">The state folder and the lock timeout (the file name is always <see cref="FileName"/>).</param>
    /// <param name="timeProvider">The clock for lock waits.</param>
    public JsonFileCostOutbox(IFileSystem fileSystem, IOptions<OmkCostOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _fileSystem = fileSystem;
        _timeProvider = timeProvider;
        _settings = options.Value;
        _pending = Sink(FileName);
        _directory = fileSystem.Path.GetDirectoryName(_pending.FilePath)!;
    }

    /// <inheritdoc/>
    public string Location => _pending.FilePath;

    /// <inheritdoc/>
    public Task AddAsync(SessionCost session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id, nameof(session));
        return _pending.AppendAsync(session, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>The reservation is kept as one more key of the session (<see cref="OutboxReservationField"/>).</remarks>
    public Task AddAsync(SessionCost session, string? reservationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return AddAsync(reservationId is null ? session : OutboxReservationField.Mark(session, reservationId), cancellationToken);
    }

    /// <inheritdoc/>
    public bool MayHavePending() => _fileSystem.File.Exists(Location) || SendingFiles().Length > 0;

    /// <inheritdoc/>
    public IReadOnlyList<string> SetAside => _setAside;

    /// <inheritdoc/>
    /// <remarks>
    /// An outbox file that cannot be read, or that holds a session without an id, is moved aside the way a reset moves
    /// an unreadable <c>costs.json</c> (to <c>costs-outbox.json.corrupt-&lt;UTC time&gt;</c>), said in
    /// <see cref="SetAside"/>, and the send goes on: it never blocks what comes after. A batch whose send fails goes
    /// back into <c>costs-outbox.json</c>, beside what was added meanwhile, so the sessions wait where messages say.
    /// </remarks>
    public Task<int> SendAsync(Func<IReadOnlyList<SessionCost>, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        return SendEntriesAsync((entries, token) => send([.. entries.Select(static entry => entry.Session)], token), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="SendAsync"/>; each session comes with the reservation it names (<see cref="OutboxReservationField"/>).</remarks>
    public async Task<int> SendEntriesAsync(Func<IReadOnlyList<OutboxEntry>, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            var handedOver = await HandOverAsync(cancellationToken).ConfigureAwait(false);
            var sent = 0;
            foreach (var file in SendingFiles())
            {
                var sessions = file == handedOver.File ? handedOver.Sessions : await ReadOrSetAsideAsync(file, cancellationToken).ConfigureAwait(false);
                if (sessions is null)
                {
                    continue;
                }

                if (sessions.Count > 0)
                {
                    try
                    {
                        await send([.. sessions.Select(OutboxReservationField.Take)], cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        await GiveBackAsync(file, sessions).ConfigureAwait(false);
                        throw;
                    }
                }

                _fileSystem.File.Delete(file);
                sent += sessions.Count;
            }

            return sent;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CostStoreException($"could not send the outbox {Location}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Renames the outbox to a sending file under its lock, once it was read whole; an outbox that cannot be read is
    /// moved aside instead.
    /// </summary>
    /// <returns>The sending file and its sessions, or nulls when there was nothing to hand over.</returns>
    private async Task<(string? File, List<SessionCost>? Sessions)> HandOverAsync(CancellationToken cancellationToken)
    {
        if (!_fileSystem.File.Exists(Location))
        {
            return (null, null);
        }

        FileLock held;
        try
        {
            held = await FileLock.AcquireAsync(_fileSystem, _pending.LockFilePath, _settings.LockTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (FileLockTimeoutException exception)
        {
            throw new CostStoreLockTimeoutException(_pending.LockFilePath, _settings.LockTimeout, exception);
        }

        await using (held.ConfigureAwait(false))
        {
            if (!_fileSystem.File.Exists(Location) || await ReadOrSetAsideAsync(Location, cancellationToken).ConfigureAwait(false) is not { } sessions)
            {
                return (null, null);
            }

            var stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture);
            var sending = string.Create(CultureInfo.InvariantCulture, $"{Location}{SendingInfix}{stamp}-{Guid.NewGuid():N}");
            // Not flushed to disk: if a power loss undoes the rename, the outbox is sent again, which changes nothing.
            _fileSystem.File.Move(Location, sending);
            return (sending, sessions);
        }
    }

    /// <summary>
    /// Reads one outbox file whole; one that is not a readable history, or holds a session without an id, is moved aside
    /// (<see cref="JsonFileCostSink.MoveAside"/>, named after the outbox) and said in <see cref="SetAside"/>.
    /// </summary>
    /// <returns>The sessions (none when the file is gone: another command sent it), or null when the file was moved aside.</returns>
    private async Task<List<SessionCost>?> ReadOrSetAsideAsync(string file, CancellationToken cancellationToken)
    {
        var sink = Sink(_fileSystem.Path.GetFileName(file));
        var sessions = new List<SessionCost>();
        CostFileFormatException? unreadable = null;
        try
        {
            await foreach (var session in sink.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (string.IsNullOrEmpty(session.Id))
                {
                    unreadable = new CostFileFormatException(file, "outbox", null, null, string.Create(CultureInfo.InvariantCulture, $"its session {sessions.Count + 1} has no id, so sending it could store it twice"));
                    break;
                }

                sessions.Add(session);
            }
        }
        catch (CostFileFormatException exception)
        {
            unreadable = exception;
        }

        if (unreadable is null)
        {
            return sessions;
        }

        var aside = sink.MoveAside(Location);
        _setAside.Add($"{unreadable.Message.TrimEnd('.')}; moved it to {aside}, its sessions were not sent");
        return null;
    }

    /// <summary>
    /// Puts the sessions of a batch whose send failed back into the outbox (by id, beside those added meanwhile) and
    /// removes its sending file; if that fails too, the sending file stays and the next send sends it.
    /// </summary>
    private async Task GiveBackAsync(string file, List<SessionCost> sessions)
    {
        try
        {
            await _pending.UpsertAsync(sessions, UpsertMode.Apply, CancellationToken.None).ConfigureAwait(false);
            _fileSystem.File.Delete(file);
        }
        catch (Exception exception) when (exception is CostStoreException or IOException or UnauthorizedAccessException)
        {
            // The sending file is still there: the next send takes it.
        }
    }

    private string[] SendingFiles()
    {
        if (!_fileSystem.Directory.Exists(_directory))
        {
            return [];
        }

        var files = _fileSystem.Directory.GetFiles(_directory, FileName + SendingInfix + "*");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    // The state folder's options themselves, never a copy: a copy made field by field once lost InsecureStateDirectory.
    private JsonFileCostSink Sink(string fileName) => new(_fileSystem, _settings, fileName, _timeProvider);
}
