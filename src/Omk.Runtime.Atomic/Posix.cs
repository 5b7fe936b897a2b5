using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>
/// The few POSIX calls .NET does not expose: opening without following a link or without waiting on a FIFO,
/// the type and owner of an opened file, <c>flock</c>, <c>fchown</c> and the effective user. Linux and macOS only.
/// </summary>
/// <remarks>
/// The file status is read with <c>statx</c> on Linux (one layout on every architecture) and <c>fstat</c>/<c>lstat</c>
/// on macOS (one layout on 64-bit). Only the fields omk needs are read.
/// </remarks>
internal static partial class Posix
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EPERM = 1;
    public const int ENOTDIR = 20;
    public const int EEXIST = 17;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatBufferBytes = 256;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int FadviseSequential = 2;

    /// <summary>Gets a value indicating whether these calls exist on this platform.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private static bool IsLinuxArm => OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int ReadOnly => 0;

    public static int ReadWrite => 2;

    public static int WriteOnly => 1;

    // Stryker disable once Conditional : the value for macOS; a run on Linux x64 cannot execute it
    public static int Exclusive => OperatingSystem.IsMacOS() ? 0x800 : 0x80;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    public static int Create => OperatingSystem.IsMacOS() ? 0x200 : 0x40;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    public static int NoFollow => OperatingSystem.IsMacOS() ? 0x100 : IsLinuxArm ? 0x8000 : 0x20000;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    public static int NonBlocking => OperatingSystem.IsMacOS() ? 0x4 : 0x800;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    public static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    public static int Directory => OperatingSystem.IsMacOS() ? 0x100000 : IsLinuxArm ? 0x4000 : 0x10000;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    /// <summary>The errno of a symbolic link met with <see cref="NoFollow"/>.</summary>
    public static int ELOOP => OperatingSystem.IsMacOS() ? 62 : 40;

    // Stryker disable once Conditional : the value for macOS or Linux ARM; a run on Linux x64 cannot execute it
    /// <summary>The errno of a refused non-blocking <c>flock</c>.</summary>
    public static int EWOULDBLOCK => OperatingSystem.IsMacOS() ? 35 : 11;

    /// <summary>Gets the effective user id of this process.</summary>
    public static uint EffectiveUserId => GetEuid();

    /// <summary>Opens a file; the result is owned by the caller.</summary>
    /// <returns>The handle, or an invalid one with <paramref name="errno"/> set.</returns>
    public static SafeFileHandle Open(string path, int flags, UnixFileMode mode, out int errno)
    {
        var descriptor = OpenNative(path, flags, (int)mode);
        errno = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>Opens a path relative to an opened folder (<c>openat</c>); the result is owned by the caller.</summary>
    /// <returns>The handle, or an invalid one with <paramref name="errno"/> set.</returns>
    public static SafeFileHandle OpenAt(SafeFileHandle directory, string name, int flags, UnixFileMode mode, out int errno)
    {
        var descriptor = OpenAtNative(directory, name, flags, (int)mode);
        errno = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>Creates a folder in an opened folder (<c>mkdirat</c>).</summary>
    /// <returns>0, or the errno.</returns>
    public static int MakeDirectoryAt(SafeFileHandle directory, string name, UnixFileMode mode) =>
        MkdirAt(directory, name, (int)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Renames an entry of an opened folder over another of the same folder (<c>renameat</c>): a link at the destination is replaced, never followed.</summary>
    /// <returns>0, or the errno.</returns>
    public static int RenameAt(SafeFileHandle directory, string from, string to) =>
        RenameAtNative(directory, from, directory, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Removes a file's entry from an opened folder (<c>unlinkat</c>).</summary>
    /// <returns>0, or the errno.</returns>
    public static int UnlinkAt(SafeFileHandle directory, string name) =>
        UnlinkAtNative(directory, name, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Flushes an opened file or folder to disk (<c>fsync</c>); best effort for a folder, as in <see cref="DirectorySync"/>.</summary>
    /// <returns>0, or the errno.</returns>
    public static int Synchronize(SafeFileHandle handle) => FSync(handle) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Reads the type, mode, owner and size of an opened file.</summary>
    public static unsafe FileStatus Status(SafeFileHandle handle, string pathForMessages)
    {
        var buffer = stackalloc byte[StatBufferBytes];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var descriptor = (int)handle.DangerousGetHandle();

            // Stryker disable once Conditional : macOS's fstat; a run on Linux x64 cannot execute it
            var result = OperatingSystem.IsMacOS()
                ? MacFStat(descriptor, buffer)
                : StatX(descriptor, string.Empty, AtEmptyPath, StatxBasicStats, buffer);
            if (result != 0)
            {
                throw Error(Marshal.GetLastPInvokeError(), pathForMessages);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Decode(buffer);
    }

    /// <summary>Reads the status of a path, following a final link or not.</summary>
    /// <returns>The status, or null when nothing is at the path.</returns>
    public static unsafe FileStatus? Status(string path, bool followLinks)
    {
        var buffer = stackalloc byte[StatBufferBytes];

        // Stryker disable all : macOS's stat and lstat; a run on Linux x64 cannot execute them
        var result = OperatingSystem.IsMacOS()
            ? (followLinks ? MacStat(path, buffer) : MacLStat(path, buffer))
            : StatX(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);

        // Stryker restore all
        if (result == 0)
        {
            return Decode(buffer);
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is ENOENT or ENOTDIR ? null : throw Error(errno, path);
    }

    /// <summary>Takes an exclusive <c>flock</c> without waiting.</summary>
    /// <returns>0, or the errno.</returns>
    public static int TryLockExclusive(SafeFileHandle handle) =>
        FLock(handle, LockExclusive | LockNonBlocking) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Gives an opened file an owner and group.</summary>
    /// <returns>0, or the errno.</returns>
    public static int ChangeOwner(SafeFileHandle handle, uint owner, uint group) =>
        FChown(handle, owner, group) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Gives a path (never a link's target) an owner and group.</summary>
    /// <returns>0, or the errno.</returns>
    public static int ChangeOwner(string path, uint owner, uint group) =>
        LChown(path, owner, group) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>Tells the kernel a file will be read from start to end (Linux; nothing elsewhere).</summary>
    public static void AdviseSequential(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            _ = FAdvise(handle, 0, 0, FadviseSequential);
        }
    }

    /// <summary>Turns an errno into the exception .NET would throw for it.</summary>
    public static Exception Error(int errno, string path)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        return errno switch
        {
            ENOENT => new FileNotFoundException($"Could not find file '{path}'.", path),
            ENOTDIR => new DirectoryNotFoundException($"Could not find a part of the path '{path}'."),
            EACCES or EPERM => new UnauthorizedAccessException($"Access to the path '{path}' is denied: {text}."),
            _ => new IOException($"{path}: {text}", errno),
        };
    }

    private static unsafe FileStatus Decode(byte* buffer)
    {
        // Stryker disable all : macOS's struct stat; a run on Linux x64 cannot execute it
        if (OperatingSystem.IsMacOS())
        {
            return new FileStatus(
                *(ushort*)(buffer + 4),
                *(uint*)(buffer + 16),
                *(uint*)(buffer + 20),
                *(long*)(buffer + 96));
        }

        // Stryker restore all

        return new FileStatus(
            *(ushort*)(buffer + 28),
            *(uint*)(buffer + 20),
            *(uint*)(buffer + 24),
            *(long*)(buffer + 40));
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenNative(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenAtNative(SafeFileHandle directory, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(SafeFileHandle handle);

    [LibraryImport("libc", EntryPoint = "mkdirat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MkdirAt(SafeFileHandle directory, string path, int mode);

    [LibraryImport("libc", EntryPoint = "renameat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameAtNative(SafeFileHandle fromDirectory, string from, SafeFileHandle toDirectory, string to);

    [LibraryImport("libc", EntryPoint = "unlinkat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int UnlinkAtNative(SafeFileHandle directory, string path, int flags);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int StatX(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static unsafe partial int MacFStat(int descriptor, byte* buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int MacStat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int MacLStat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FLock(SafeFileHandle handle, int operation);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(SafeFileHandle handle, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "lchown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LChown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    private static partial int FAdvise(SafeFileHandle handle, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
