using System.Runtime.InteropServices;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Flushes a folder's entries to disk, so that a rename into it survives a power loss.
/// .NET has no API for this; on Linux and macOS it is <c>open(O_RDONLY)</c> plus <c>fsync</c>.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>
    /// Flushes the folder on Linux and macOS; does nothing elsewhere. Best effort: the rename has already
    /// happened, so a file system that cannot flush folders (EINVAL) must not turn a completed write into an error.
    /// </summary>
    /// <param name="directory">The folder to flush.</param>
    /// <returns><see langword="true"/> when the folder was flushed.</returns>
    public static bool Flush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return false;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            return false;
        }

        try
        {
            return FSync(descriptor) == 0;
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
