using System.IO.Abstractions;
using System.Security.Cryptography;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Writes files so that a reader sees either the old content or the new one, never a torn file,
/// also after a crash or a kill at any instant.
/// </summary>
/// <remarks>
/// A write creates a temp file <c>.&lt;name&gt;.tmp.&lt;random&gt;</c> exclusively in the target's folder
/// (readable by the owner alone on Unix), writes it, flushes it to disk, renames it over the target and,
/// on Linux and macOS, flushes the folder so that the rename itself is durable. Any failure before the
/// rename removes the temp file and leaves the target as it was. A symbolic link at the target is followed:
/// the link stays, and its final target receives the new content. On the real disk of Linux and macOS the new
/// content keeps the owner and group of the file it replaces (a new file in a folder of another user, written by
/// root, gets the folder's), or the write fails.
/// </remarks>
internal sealed class AtomicFileWriter
{
    private const string TempInfix = ".tmp.";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan WindowsRenameRetryBudget = TimeSpan.FromSeconds(2);

    private readonly IFileSystem _fileSystem;
    private readonly IDirectoryCalls? _directoryCalls;
    private readonly IPosixCalls _posixCalls;
    private readonly bool _durable;

    /// <summary>
    /// Initializes a new instance of the <see cref="AtomicFileWriter"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system to write through.</param>
    public AtomicFileWriter(IFileSystem fileSystem)
        : this(fileSystem, FolderFlushOf(fileSystem))
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="AtomicFileWriter"/> class that may leave the flushes to disk out:
    /// a reader still sees a whole old file or a whole new one while the system runs, but after a crash the file may
    /// hold its old content, or be empty or torn. Only for caches that check their own content (a checksum) and are
    /// rebuilt when it does not match: it saves the two flushes of every write (milliseconds each).
    /// </summary>
    /// <param name="fileSystem">The file system to write through.</param>
    /// <param name="durable"><see langword="false"/> to skip the flushes to disk.</param>
    public AtomicFileWriter(IFileSystem fileSystem, bool durable)
        : this(fileSystem, FolderFlushOf(fileSystem), durable)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AtomicFileWriter"/> class that flushes folders through <paramref name="directoryCalls"/>.</summary>
    /// <param name="fileSystem">The file system to write through.</param>
    /// <param name="directoryCalls">The calls that flush the folder after a rename; null for none (a test double keeps nothing to lose).</param>
    /// <param name="durable"><see langword="false"/> to skip the flushes to disk.</param>
    /// <param name="posixCalls">The calls that read the effective user and change owners; null for the C library's.</param>
    internal AtomicFileWriter(IFileSystem fileSystem, IDirectoryCalls? directoryCalls, bool durable = true, IPosixCalls? posixCalls = null)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        _fileSystem = fileSystem;
        _directoryCalls = directoryCalls;
        _posixCalls = posixCalls ?? LibcPosixCalls.Instance;
        _durable = durable;
    }

    /// <summary>Gets the calls that flush the folder after a rename; null for none.</summary>
    internal IDirectoryCalls? DirectoryCalls => _directoryCalls;

    /// <summary>Gets the calls that flush folders of <paramref name="fileSystem"/>: the C library's for the real disk, none for a test double.</summary>
    private static LibcDirectoryCalls? FolderFlushOf(IFileSystem fileSystem) => fileSystem is FileSystem ? LibcDirectoryCalls.Instance : null;

    /// <summary>
    /// Gets the search pattern of the temp files this writer creates for a target file name.
    /// </summary>
    /// <param name="fileName">The target's file name, without folder.</param>
    /// <returns>The pattern, such as <c>.costs.json.tmp.*</c>.</returns>
    public static string TempFilePattern(string fileName) => TempFilePrefix(fileName) + "*";

    /// <summary>Gets the name of a temp file for a target file name, before its random part.</summary>
    /// <param name="fileName">The target's file name, without folder.</param>
    /// <returns>The prefix, such as <c>.costs.json.tmp.</c>.</returns>
    internal static string TempFilePrefix(string fileName) => "." + fileName + TempInfix;

    /// <summary>
    /// Replaces the content of a file atomically.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="content">The new content.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the content is on disk under <paramref name="path"/>.</returns>
    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(content, token).AsTask(), cancellationToken);

    /// <summary>
    /// Replaces the content of a file atomically, streaming the new content.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="writeContent">Writes the new content to the stream it is given; it must not close the stream.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the content is on disk under <paramref name="path"/>.</returns>
    public async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> writeContent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeContent);

        var target = ResolveTarget(path);
        var directory = _fileSystem.Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' has no parent folder.", nameof(path));
        var tempPath = _fileSystem.Path.Combine(directory, TempFilePrefix(_fileSystem.Path.GetFileName(target)) + RandomSuffix());

        try
        {
            var stream = _fileSystem.FileStream.New(tempPath, CreateOptions());
            await using (stream.ConfigureAwait(false))
            {
                await writeContent(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

                // A failed flush to disk is final: the data may not be durable, so it must not replace the target.
                if (_durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            KeepOwner(tempPath, target, directory);
            cancellationToken.ThrowIfCancellationRequested();
            await MoveOverAsync(tempPath, target, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        if (_durable)
        {
            FlushDirectory(directory);
        }
    }

    /// <summary>
    /// Replaces a file below a folder, following no link below that folder: for files omk keeps for itself (the Kimi
    /// index), where nobody's link may redirect a write. <paramref name="folder"/> is created when missing
    /// (<see cref="PrivateFolder.Create(IFileSystem, string)"/>); the folders of <paramref name="relativePath"/> are opened
    /// part by part without following a link, made for their owner alone when missing, and must be folders of
    /// <paramref name="folder"/>'s owner (or of this user) that nobody else can write. The temp file is created
    /// exclusively without following a link (<c>0600</c>), given to <paramref name="folder"/>'s owner when root writes
    /// it, and renamed over the file's name: whatever is there, a link included, is replaced, never written through.
    /// </summary>
    /// <param name="folder">The folder the file is kept in, such as the state folder; a link there is followed.</param>
    /// <param name="relativePath">The file, relative to <paramref name="folder"/>, such as <c>kimi-index/shard-04.bin</c>.</param>
    /// <param name="content">The new content.</param>
    /// <exception cref="IOException">A folder on the way is a link, not a folder, another user's or writable by others; or the file could not be written.</exception>
    public void WriteBelow(string folder, string relativePath, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        var name = _fileSystem.Path.GetFileName(relativePath);
        var below = _fileSystem.Path.GetDirectoryName(relativePath) ?? string.Empty;
        if (name.Length == 0 || name is "." or "..")
        {
            throw new ArgumentException($"'{relativePath}' must name a file below {folder}", nameof(relativePath));
        }

        PrivateFolder.Create(_fileSystem, folder, _posixCalls);
        if (_fileSystem is not FileSystem || !Posix.IsSupported)
        {
            var path = _fileSystem.Path.Join(folder, relativePath);
            PrivateFolder.Create(_fileSystem, _fileSystem.Path.GetDirectoryName(path)!, _posixCalls);
            WriteAsync(path, content.ToArray()).GetAwaiter().GetResult();
            return;
        }

        using var directory = PrivateFolder.OpenBelow(folder, below, create: true, _posixCalls, out var owner);
        var shownPath = _fileSystem.Path.Join(folder, relativePath);
        var tempName = TempFilePrefix(name) + RandomSuffix();
        var temp = Posix.OpenAt(
            directory,
            tempName,
            Posix.WriteOnly | Posix.Create | Posix.Exclusive | Posix.NoFollow | Posix.CloseOnExec,
            OwnerReadWrite,
            out var errno);
        if (temp.IsInvalid)
        {
            temp.Dispose();
            throw Posix.Error(errno, _fileSystem.Path.Join(folder, below, tempName));
        }

        try
        {
            using (var stream = new FileStream(temp, FileAccess.Write, bufferSize: 0))
            {
                stream.Write(content);
                if (_durable)
                {
                    stream.Flush(flushToDisk: true);
                }

                if (_posixCalls.EffectiveUserId == 0 && owner.OwnerId != 0)
                {
                    var given = _posixCalls.ChangeOwner(temp, owner.OwnerId, owner.GroupId);
                    if (given != 0)
                    {
                        throw new IOException(
                            $"could not give {shownPath} to the owner of {folder} (user {owner.OwnerId}, group {owner.GroupId}): {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(given)}",
                            given);
                    }
                }
            }

            var renamed = Posix.RenameAt(directory, tempName, name);
            if (renamed != 0)
            {
                throw Posix.Error(renamed, shownPath);
            }
        }
        catch
        {
            temp.Dispose();
            _ = Posix.UnlinkAt(directory, tempName);
            throw;
        }

        if (_durable)
        {
            _ = Posix.Synchronize(directory);
        }
    }

    /// <summary>
    /// Removes the temp files that writers of <paramref name="path"/> left behind when they died.
    /// Call it only while holding the lock that every writer of <paramref name="path"/> takes:
    /// a live writer then cannot own any such file.
    /// </summary>
    /// <param name="path">The target file whose orphaned temp files to remove.</param>
    /// <returns>The number of files removed.</returns>
    public int RemoveOrphanedTempFiles(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = ResolveTarget(path);
        var directory = _fileSystem.Path.GetDirectoryName(target);
        if (directory is null || !_fileSystem.Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        var pattern = TempFilePattern(_fileSystem.Path.GetFileName(target));
        foreach (var orphan in _fileSystem.Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly))
        {
            if (TryDelete(orphan))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>
    /// Gets the file a write of <paramref name="path"/> really replaces: the final target of a symbolic link,
    /// or the path itself.
    /// </summary>
    /// <param name="path">The path to resolve.</param>
    /// <returns>The full path of the file to replace.</returns>
    public string ResolveTarget(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = _fileSystem.Path.GetFullPath(path);
        var linkTarget = _fileSystem.File.Exists(fullPath)
            ? _fileSystem.File.ResolveLinkTarget(fullPath, returnFinalTarget: true)
            : null;
        return linkTarget is null ? fullPath : _fileSystem.Path.GetFullPath(linkTarget.FullName);
    }

    /// <summary>
    /// Gives the temp file the owner and group of the file it will replace (or, for root writing a new file, of the
    /// folder), so that root recording for a user leaves the user's file the user's.
    /// </summary>
    private void KeepOwner(string tempPath, string target, string directory)
    {
        if (_fileSystem is not FileSystem || !Posix.IsSupported)
        {
            return;
        }

        var wanted = Posix.Status(target, followLinks: true)
            ?? (_posixCalls.EffectiveUserId == 0 ? Posix.Status(directory, followLinks: true) : null);
        if (wanted is not { } owner || Posix.Status(tempPath, followLinks: false) is not { } temp
            || (temp.OwnerId == owner.OwnerId && temp.GroupId == owner.GroupId))
        {
            return;
        }

        var errno = _posixCalls.ChangeOwner(tempPath, owner.OwnerId, owner.GroupId);
        if (errno != 0)
        {
            throw new IOException(
                $"could not keep the owner and group of {target} (user {owner.OwnerId}, group {owner.GroupId}): {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}",
                errno);
        }
    }

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }

    private async Task MoveOverAsync(string source, string destination, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _fileSystem.File.Move(source, destination, overwrite: true);
            return;
        }

        // On Windows a reader or a virus scanner may hold the target for a moment; retry for a short while.
        // Stryker disable all : Windows only; a run on Linux cannot execute it
        var started = Environment.TickCount64;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                _fileSystem.File.Move(source, destination, overwrite: true);
                return;
            }
            catch (Exception exception) when (IsTransientWindowsRenameFailure(exception)
                && TimeSpan.FromMilliseconds(Environment.TickCount64 - started) < WindowsRenameRetryBudget)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            }
        }
    }

    // Stryker disable once all : Windows only; a run on Linux cannot execute it
    private static bool IsTransientWindowsRenameFailure(Exception exception) =>
        exception is UnauthorizedAccessException
        || (exception is IOException io && (io.HResult & 0xFFFF) is 32 or 33 or 5);

    // Stryker restore all

    private void FlushDirectory(string directory)
    {
        if (_directoryCalls is not null)
        {
            DirectorySync.Flush(directory, _directoryCalls);
        }
    }

    private bool TryDelete(string path)
    {
        try
        {
            _fileSystem.File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Gets 16 random hex digits from <see cref="Guid.NewGuid"/>, which draws them from the operating system's secure
    /// source (<c>getrandom</c>, <c>/dev/urandom</c>): <see cref="RandomNumberGenerator"/> would load OpenSSL on
    /// Linux, milliseconds at every process's first write. The last eight bytes hold 62
    /// random bits (the first two are the variant's); the temp file is created exclusively, so a name taken already
    /// fails the creation and is never written through.
    /// </summary>
    private static string RandomSuffix()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ = Guid.NewGuid().TryWriteBytes(bytes);
        return Convert.ToHexStringLower(bytes[8..]);
    }
}
