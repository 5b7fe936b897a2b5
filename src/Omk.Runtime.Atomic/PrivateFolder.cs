using System.IO.Abstractions;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Creates folders such as omk's state folder, the last one readable by its owner alone (<c>0700</c> on Unix; those above
/// it as the umask says, like <c>mkdir -p</c>). On the real disk of
/// Linux and macOS, a folder root creates inside another user's folder is given to that user, so that
/// <c>sudo omk …</c> never leaves a user with a state folder they cannot use.
/// </summary>
public static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

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
