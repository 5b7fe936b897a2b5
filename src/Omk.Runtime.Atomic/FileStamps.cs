using System.IO.Abstractions;
using System.Runtime.InteropServices;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Takes the <see cref="FileStamp"/> of a file. On Linux, for the real disk, with one <c>statx</c> call, which gives
/// the device and inode .NET does not expose (a file replaced by a rename keeps its name and may keep its size and
/// modification time, but not its inode) and the status-change time; elsewhere, and for any other
/// <see cref="IFileSystem"/>, from <see cref="IFileInfo"/> (size and modification time).
/// </summary>
internal static partial class FileStamps
{
    private const int AtCurrentDirectory = -100;
    private const uint BasicStats = 0x7ff;
    private const int StatxBytes = 256;
    private const long NanosecondsPerTick = 100;

    private static bool _statxMissing;

    /// <summary>
    /// Tells whether the stamps of a file system are exact: from <c>statx</c>, with the inode and the status-change
    /// time, for files and folders alike (a folder's times change when an entry is added, removed or renamed).
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <returns><see langword="true"/> on Linux for the real disk.</returns>
    public static bool Exact(IFileSystem fileSystem) => OperatingSystem.IsLinux() && fileSystem is FileSystem && !_statxMissing;

    /// <summary>Takes the stamp of a path given as UTF-8 bytes, for an <see cref="Exact"/> file system only.</summary>
    /// <param name="path">The path's UTF-8 bytes, ending with a zero byte.</param>
    /// <returns>The stamp, or null when the path does not exist or cannot be examined.</returns>
    public static FileStamp? OfUtf8(ReadOnlySpan<byte> path)
    {
        Span<byte> buffer = stackalloc byte[StatxBytes];
        try
        {
            return StatxUtf8Call(AtCurrentDirectory, ref MemoryMarshal.GetReference(path), 0, BasicStats, ref MemoryMarshal.GetReference(buffer)) != 0 ? null : Decode(buffer);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            _statxMissing = true;
            return null;
        }
    }

    /// <summary>Takes a file's stamp.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <returns>The stamp, or null when the file does not exist or cannot be examined.</returns>
    public static FileStamp? Of(IFileSystem fileSystem, string path)
    {
        if (OperatingSystem.IsLinux() && fileSystem is FileSystem && !_statxMissing)
        {
            try
            {
                return Statx(path);
            }
            catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
            {
                _statxMissing = true;
            }
        }

        try
        {
            var info = fileSystem.FileInfo.New(path);
            if (!info.Exists)
            {
                return null;
            }

            var modified = (info.LastWriteTimeUtc.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;
            return new FileStamp(0, 0, info.Length, modified, 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStamp? Statx(string path)
    {
        Span<byte> buffer = stackalloc byte[StatxBytes];
        if (StatxCall(AtCurrentDirectory, path, 0, BasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return null;
        }

        return Decode(buffer);
    }

    private static FileStamp Decode(ReadOnlySpan<byte> buffer)
    {
        // struct statx (linux/stat.h) has the same layout on every architecture, in the machine's byte order.
        var inode = MemoryMarshal.Read<ulong>(buffer[32..]);
        var size = MemoryMarshal.Read<long>(buffer[40..]);
        var changed = Nanoseconds(buffer[96..]);
        var modified = Nanoseconds(buffer[112..]);
        var device = ((ulong)MemoryMarshal.Read<uint>(buffer[136..]) << 32) | MemoryMarshal.Read<uint>(buffer[140..]);
        return new FileStamp(device, inode, size, modified, changed);
    }

    private static long Nanoseconds(ReadOnlySpan<byte> timestamp) =>
        (MemoryMarshal.Read<long>(timestamp) * 1_000_000_000L) + MemoryMarshal.Read<uint>(timestamp[8..]);

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatxCall(int directory, string path, int flags, uint mask, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static partial int StatxUtf8Call(int directory, ref byte path, int flags, uint mask, ref byte buffer);
}
