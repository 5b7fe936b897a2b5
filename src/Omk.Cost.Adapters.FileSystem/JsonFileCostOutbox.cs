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
public sealed class JsonFileCostOutbox : ICostOutbox
{
    /// <summary>The outbox's file name in the state folder.</summary>
    public const string FileName = "costs-outbox.json";

    private const string SendingInfix = ".sending-";

    private readonly IFileSystem _fileSystem;
    private readonly TimeProvider _timeProvider;
    private readonly OmkCostOptions _settings;
    private readonly string _directory;
    private readonly JsonFileCostSink _pending;

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
    public bool MayHavePending() => _fileSystem.File.Exists(Location) || SendingFiles().Length > 0;

    /// <inheritdoc/>
    public async Task<int> SendAsync(Func<IReadOnlyList<SessionCost>, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        try
        {
            await HandOverAsync(cancellationToken).ConfigureAwait(false);
            var sent = 0;
            foreach (var file in SendingFiles())
            {
                var sessions = new List<SessionCost>();
                await foreach (var session in Sink(_fileSystem.Path.GetFileName(file)).ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    sessions.Add(session);
                }

                if (sessions.Count > 0)
                {
                    await send(sessions, cancellationToken).ConfigureAwait(false);
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

    private async Task HandOverAsync(CancellationToken cancellationToken)
    {
        if (!_fileSystem.File.Exists(Location))
        {
            return;
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
            if (_fileSystem.File.Exists(Location))
            {
                var stamp = _timeProvider.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", CultureInfo.InvariantCulture);
                // Not flushed to disk: if a power loss undoes the rename, the outbox is sent again, which changes nothing.
                _fileSystem.File.Move(Location, string.Create(CultureInfo.InvariantCulture, $"{Location}{SendingInfix}{stamp}-{Guid.NewGuid():N}"));
            }
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
