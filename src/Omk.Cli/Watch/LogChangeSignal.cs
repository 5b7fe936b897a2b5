using System.IO.Abstractions;

namespace Omk.Cli.Watch;

/// <summary>
/// Wakes the watch when Kimi's logs change: file-change notifications on the session folders where the platform
/// and the file system give them, and in any case a poll every interval, which also covers notifications lost or
/// never given (network file systems, a folder created after the watch started).
/// </summary>
internal sealed class LogChangeSignal : IDisposable
{
    /// <summary>How long a burst of notifications is let to settle, so that one append wakes the watch once.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    private readonly List<IFileSystemWatcher> _watchers = [];
    private readonly TimeProvider _timeProvider;
    private long _lastWake;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Initializes a new instance of the <see cref="LogChangeSignal"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="roots">The Kimi data folders whose <c>sessions</c> folders to watch.</param>
    /// <param name="timeProvider">The clock of the poll.</param>
    public LogChangeSignal(IFileSystem fileSystem, IEnumerable<string> roots, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _lastWake = timeProvider.GetTimestamp();
        foreach (var root in roots)
        {
            var sessions = fileSystem.Path.Combine(root, "sessions");
            try
            {
                // A Kimi home without sessions yet is watched whole, so that its first session's folder and log wake
                // the reading as later ones do (a watch on sessions alone could only start after them).
                var watched = fileSystem.Directory.Exists(sessions) ? sessions : root;
                if (!fileSystem.Directory.Exists(watched))
                {
                    continue;
                }

                var watcher = fileSystem.FileSystemWatcher.New(watched);
                watcher.IncludeSubdirectories = true;
                watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size;
                watcher.Changed += (_, _) => Notify();
                watcher.Created += (_, _) => Notify();
                watcher.Renamed += (_, _) => Notify();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
#pragma warning disable CA1031 // Notifications are an optimisation: without them the poll does the work.
            catch (Exception)
#pragma warning restore CA1031
            {
                // No notifications here (unsupported platform or file system, too many watches): poll only.
            }
        }
    }

    /// <summary>Gets the number of folders watched by notification.</summary>
    public int Watched => _watchers.Count;

    /// <summary>
    /// Waits for a change, or for the interval since the last wake (or since the signal was made) to pass, whichever
    /// comes first: the poll keeps its schedule, so that the time the caller spent reading counts toward the interval.
    /// </summary>
    /// <param name="interval">The poll interval.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes at the next change or poll.</returns>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var changed = Volatile.Read(ref _changed).Task;
        var left = interval - _timeProvider.GetElapsedTime(_lastWake);

        // A read longer than the interval is followed by a short pause, not by another read at once.
        await Task.WhenAny(changed, Task.Delay(left > Settle ? left : Settle, _timeProvider, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (changed.IsCompleted)
        {
            // What changes after the swap wakes the next wait; what changed before it is read by the caller now.
            await Task.Delay(Settle, _timeProvider, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        _lastWake = _timeProvider.GetTimestamp();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private void Notify() => Volatile.Read(ref _changed).TrySetResult();
}
