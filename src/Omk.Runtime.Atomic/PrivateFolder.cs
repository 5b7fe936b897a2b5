using System.Globalization;
using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Creates folders such as omk's state folder, the last one readable by its owner alone (<c>0700</c> on Unix; those above
/// it as the umask says, like <c>mkdir -p</c>). On the real disk of
/// Linux and macOS, a folder root creates inside another user's folder is given to that user, so that
/// <c>sudo omk …</c> never leaves a user with a state folder they cannot use. The folders omk keeps inside it (the Kimi
/// index) are opened part by part without following a link (<see cref="FindProblemBelow"/>), so that nobody can
/// point them elsewhere.
/// </summary>
internal static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Creates a folder (for its owner alone) and the missing folders above it; does nothing when it exists.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The folder.</param>
    /// <exception cref="IOException">A folder could not be created, or root could not give it to its parent's owner.</exception>
    public static void Create(IFileSystem fileSystem, string path) => Create(fileSystem, path, LibcPosixCalls.Instance);

    /// <summary>Creates a folder as <see cref="Create(IFileSystem, string)"/> does, reading the user and changing owners through <paramref name="posixCalls"/>.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The folder.</param>
    /// <param name="posixCalls">The calls that read the effective user and change owners.</param>
    internal static void Create(IFileSystem fileSystem, string path, IPosixCalls posixCalls)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var missing = new Stack<string>();
        var current = fileSystem.Path.GetFullPath(path);
        while (!fileSystem.Directory.Exists(current))
        {
            missing.Push(current);

            // A test double may know no root at all, and names the root's parent the root itself.
            var parent = fileSystem.Path.GetDirectoryName(current);
            if (parent is null || parent == current)
            {
                break;
            }

            current = parent;
        }

        if (missing.Count == 0)
        {
            return;
        }

        // Stryker disable once all : Windows only; a run on Linux cannot execute it
        if (OperatingSystem.IsWindows())
        {
            fileSystem.Directory.CreateDirectory(path);
            return;
        }

        fileSystem.Directory.CreateDirectory(path, OwnerOnly);
        if (fileSystem is FileSystem && Posix.IsSupported && posixCalls.EffectiveUserId == 0)
        {
            // From the top down, so that each folder's parent already has its final owner.
            foreach (var created in missing)
            {
                GiveToParentsOwner(created, posixCalls);
            }
        }
    }

    /// <summary>
    /// Tells whether a folder below <paramref name="folder"/> may be used as omk's own, as <c>omk</c> opens it to write
    /// there: each part of <paramref name="relativePath"/> a folder and not a symbolic link, owned by the owner of
    /// <paramref name="folder"/> (or by this user), and writable by nobody else.
    /// </summary>
    /// <param name="folder">The folder it is in, such as the state folder; a link there is followed.</param>
    /// <param name="relativePath">The folder below it, such as <c>kimi-index</c>.</param>
    /// <returns>What is wrong, naming the path; null when nothing is, when it does not exist yet, or off Linux and macOS.</returns>
    public static string? FindProblemBelow(string folder, string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(relativePath);

        // Stryker disable once all : Windows only; a run on Linux cannot execute it
        if (!Posix.IsSupported)
        {
            return null;
        }

        try
        {
            using var handle = OpenBelow(folder, relativePath, create: false, LibcPosixCalls.Instance, out _);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception is FileNotFoundException or DirectoryNotFoundException ? null : exception.Message;
        }
    }

    /// <summary>
    /// Opens a folder below <paramref name="folder"/> as omk's own, part by part, never following a link below
    /// <paramref name="folder"/> (<c>openat</c> with <c>O_NOFOLLOW</c>): with <paramref name="create"/>, a missing part is
    /// made for its owner alone and, run by root, given to <paramref name="folder"/>'s owner; each part must be a folder
    /// owned by that owner or by this user, writable by nobody else.
    /// </summary>
    /// <param name="folder">The folder it is in; it must exist.</param>
    /// <param name="relativePath">The folder below it; empty for <paramref name="folder"/> itself.</param>
    /// <param name="create">Whether missing parts are created.</param>
    /// <param name="posixCalls">The calls that read the effective user and change owners.</param>
    /// <param name="owner">The status of <paramref name="folder"/>, whose owner files written below it get.</param>
    /// <returns>The opened folder, owned by the caller.</returns>
    /// <exception cref="IOException">A part is a link, not a folder, another user's or writable by others; or could not be opened.</exception>
    internal static SafeFileHandle OpenBelow(string folder, string relativePath, bool create, IPosixCalls posixCalls, out FileStatus owner)
    {
        var current = Posix.Open(folder, Posix.ReadOnly | Posix.Directory | Posix.CloseOnExec, 0, out var errno);
        if (current.IsInvalid)
        {
            current.Dispose();
            throw Posix.Error(errno, folder);
        }

        try
        {
            owner = Posix.Status(current, folder);
            var path = folder;
            foreach (var part in relativePath.Split(['/', System.IO.Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
            {
                if (part is "." or "..")
                {
                    throw new ArgumentException($"'{relativePath}' must name a folder below {folder}", nameof(relativePath));
                }

                path = System.IO.Path.Join(path, part);
                var next = OpenPart(current, part, path, create, owner, posixCalls);
                current.Dispose();
                current = next;
            }

            return current;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenPart(SafeFileHandle parent, string name, string path, bool create, FileStatus owner, IPosixCalls posixCalls)
    {
        var flags = Posix.ReadOnly | Posix.Directory | Posix.NoFollow | Posix.CloseOnExec;
        var handle = Posix.OpenAt(parent, name, flags, 0, out var errno);
        var created = false;
        if (handle.IsInvalid && errno == Posix.ENOENT && create)
        {
            handle.Dispose();
            var made = Posix.MakeDirectoryAt(parent, name, OwnerOnly);
            created = made == 0;
            if (made != 0 && made != Posix.EEXIST)
            {
                throw Posix.Error(made, path);
            }

            handle = Posix.OpenAt(parent, name, flags, 0, out errno);
        }

        if (handle.IsInvalid)
        {
            handle.Dispose();
            // With O_DIRECTORY, Linux reports a link as ENOTDIR: the path's own status tells which it is, for the message.
            throw errno == Posix.ELOOP || (errno == Posix.ENOTDIR && Posix.Status(path, followLinks: false) is { Kind: FileKind.SymbolicLink })
                ? new IOException($"{path} is a symbolic link, not a folder: omk does not follow links in its own folders; remove it")
                : errno == Posix.ENOTDIR
                    ? new IOException($"{path} is not a folder; remove it")
                    : Posix.Error(errno, path);
        }

        try
        {
            var user = posixCalls.EffectiveUserId;
            if (created && user == 0 && owner.OwnerId != 0)
            {
                var given = posixCalls.ChangeOwner(handle, owner.OwnerId, owner.GroupId);
                if (given != 0)
                {
                    throw new IOException(
                        $"could not give the new folder {path} to the owner of its folder (user {owner.OwnerId}): {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(given)}",
                        given);
                }
            }

            var status = Posix.Status(handle, path);
            if (status.OwnerId != owner.OwnerId && status.OwnerId != user)
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path} belongs to user {status.OwnerId}, not to the owner of its folder (user {owner.OwnerId}): another user made it; remove it"));
            }

            if ((status.Mode & WritableByOthers) != 0)
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path} can be written by other users (mode {Convert.ToString((int)status.Mode, 8).PadLeft(4, '0')}); run 'chmod go-w {path}'"));
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void GiveToParentsOwner(string folder, IPosixCalls posixCalls)
    {
        if (System.IO.Path.GetDirectoryName(folder) is not { } parent
            || Posix.Status(parent, followLinks: true) is not { OwnerId: not 0 } owner
            || Posix.Status(folder, followLinks: false) is not { OwnerId: 0 })
        {
            return;
        }

        var errno = posixCalls.ChangeOwner(folder, owner.OwnerId, owner.GroupId);
        if (errno != 0)
        {
            throw new IOException(
                $"could not give the new folder {folder} to the owner of {parent} (user {owner.OwnerId}, group {owner.GroupId}): {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}",
                errno);
        }
    }
}
