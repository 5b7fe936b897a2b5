using System.Collections.Concurrent;
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>
/// An exclusive lock shared by threads and processes: a lock file held open with <see cref="FileShare.None"/>,
/// together with an in-process gate keyed by the lock file's full path.
/// </summary>
/// <remarks>
/// The lock file is never renamed or deleted, so every process always contends for the same file.
/// The lock is released when the instance is disposed, or by the operating system when the process dies.
/// On the real disk of Linux and macOS the lock file is opened without following a symbolic link
/// (<c>O_NOFOLLOW</c>) and must be a regular file owned by this process's user (root may use any user's, and
/// gives a lock file it creates in another user's folder to that user); anything else fails at once, naming it.
/// </remarks>
internal sealed class FileLock : IAsyncDisposable, IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _gate;
    private IDisposable? _handle;

    private FileLock(string path, SemaphoreSlim gate, IDisposable handle)
    {
        Path = path;
        _gate = gate;
        _handle = handle;
    }

    /// <summary>Gets the full path of the lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock, waiting with jittered back-off while another thread or process holds it.
    /// </summary>
    /// <param name="fileSystem">The file system of the lock file.</param>
    /// <param name="path">The lock file; created (readable by the owner alone on Unix) when missing.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="timeProvider">The clock that measures the wait.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="FileLockTimeoutException">The lock was not free within <paramref name="timeout"/>.</exception>
    public static Task<FileLock> AcquireAsync(
        IFileSystem fileSystem,
        string path,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default) =>
        AcquireAsync(fileSystem, path, timeout, timeProvider, LibcPosixCalls.Instance, cancellationToken);

    /// <summary>
    /// Takes the lock as <see cref="AcquireAsync(IFileSystem, string, TimeSpan, TimeProvider, CancellationToken)"/> does,
    /// reading the user, changing the owner and locking through <paramref name="posixCalls"/>.
    /// </summary>
    /// <param name="fileSystem">The file system of the lock file.</param>
    /// <param name="path">The lock file; created (readable by the owner alone on Unix) when missing.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="timeProvider">The clock that measures the wait.</param>
    /// <param name="posixCalls">The calls that read the effective user, change the owner and <c>flock</c>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    internal static async Task<FileLock> AcquireAsync(
        IFileSystem fileSystem,
        string path,
        TimeSpan timeout,
        TimeProvider timeProvider,
        IPosixCalls posixCalls,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);

        var fullPath = fileSystem.Path.GetFullPath(path);
        var started = timeProvider.GetTimestamp();
        var gate = Gates.GetOrAdd(fullPath, static _ => new SemaphoreSlim(1, 1));
        await WaitForGateAsync(gate, fullPath, timeout, timeProvider, cancellationToken).ConfigureAwait(false);

        try
        {
            var delay = FirstDelay;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TryOpen(fileSystem, fullPath, posixCalls) is { } handle)
                {
                    return new FileLock(fullPath, gate, handle);
                }

                var left = timeout - timeProvider.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new FileLockTimeoutException(fullPath, timeout);
                }

                var jittered = TimeSpan.FromTicks((long)(delay.Ticks * (0.5 + Random.Shared.NextDouble())));
                await Task.Delay(jittered < left ? jittered : left, timeProvider, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, null);
        if (handle is null)
        {
            return;
        }

        handle.Dispose();
        _gate.Release();
    }

    /// <summary>Releases the lock.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the in-process gate, measuring the timeout on <paramref name="timeProvider"/> like the file wait.</summary>
    private static async Task WaitForGateAsync(
        SemaphoreSlim gate,
        string fullPath,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (gate.Wait(0, CancellationToken.None))
        {
            return;
        }

        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await gate.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FileLockTimeoutException(fullPath, timeout);
        }
    }

    private static IDisposable? TryOpen(IFileSystem fileSystem, string fullPath, IPosixCalls posixCalls)
    {
        if (fileSystem is FileSystem && Posix.IsSupported)
        {
            return TryOpenNoFollow(fullPath, posixCalls);
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return fileSystem.FileStream.New(fullPath, options);
        }
        catch (IOException exception) when (IsHeldElsewhere(exception))
        {
            return null;
        }
    }

    /// <summary>Opens (creating when missing) the lock file without following a link, checks it, and <c>flock</c>s it.</summary>
    private static SafeFileHandle? TryOpenNoFollow(string fullPath, IPosixCalls posixCalls)
    {
        var handle = Posix.Open(
            fullPath,
            Posix.ReadWrite | Posix.Create | Posix.NoFollow | Posix.NonBlocking | Posix.CloseOnExec,
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            out var errno);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw errno == Posix.ELOOP
                ? new IOException($"the lock file {fullPath} is a symbolic link; a lock file must be a regular file: remove the link")
                : Posix.Error(errno, fullPath);
        }

        try
        {
            CheckLockFile(handle, fullPath, posixCalls);
            var locked = posixCalls.TryLockExclusive(handle);
            if (locked == 0)
            {
                return handle;
            }

            if (locked != Posix.EWOULDBLOCK)
            {
                throw Posix.Error(locked, fullPath);
            }

            handle.Dispose();
            return null;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void CheckLockFile(SafeFileHandle handle, string fullPath, IPosixCalls posixCalls)
    {
        var status = Posix.Status(handle, fullPath);
        if (status.Kind != FileKind.RegularFile)
        {
            throw new NotARegularFileException(fullPath, status.Kind);
        }

        var user = posixCalls.EffectiveUserId;
        if (status.OwnerId == user)
        {
            // Root creating the lock in another user's folder hands it to that user, who must be able to lock it later.
            if (user == 0
                && Posix.Status(System.IO.Path.GetDirectoryName(fullPath)!, followLinks: true) is { OwnerId: not 0 } folder)
            {
                _ = posixCalls.ChangeOwner(handle, folder.OwnerId, folder.GroupId);
            }

            return;
        }

        if (user != 0)
        {
            throw new IOException(
                $"the lock file {fullPath} belongs to user {status.OwnerId}, not to this user ({user}): it must be the user's own file");
        }
    }

    // Windows reports a sharing or lock violation (32, 33); Unix reports the errno of a refused flock:
    // EWOULDBLOCK, which is 11 on Linux and 35 on macOS.
    private static bool IsHeldElsewhere(IOException exception)
    {
        if (exception is FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        {
            return false;
        }

        // Stryker disable once all : Windows only; a run on Linux cannot execute it
        if (OperatingSystem.IsWindows())
        {
            return (exception.HResult & 0xFFFF) is 32 or 33;
        }

        return exception.HResult is 11 or 35;
    }
}
