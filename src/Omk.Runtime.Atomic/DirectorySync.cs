namespace Omk.Runtime.Atomic;

/// <summary>
/// Flushes a folder's entries to disk, so that a rename into it survives a power loss.
/// .NET has no API for this; on Linux and macOS it is <c>open(O_RDONLY)</c> plus <c>fsync</c>.
/// </summary>
internal static class DirectorySync
{
    /// <summary>
    /// Flushes the folder on Linux and macOS; does nothing elsewhere. Best effort: the rename has already
    /// happened, so a file system that cannot flush folders (EINVAL) must not turn a completed write into an error.
    /// </summary>
    /// <param name="directory">The folder to flush.</param>
    /// <returns><see langword="true"/> when the folder was flushed.</returns>
    public static bool Flush(string directory) => Flush(directory, LibcDirectoryCalls.Instance);

    /// <summary>Flushes the folder through <paramref name="calls"/>, closing the handle it opened in every case.</summary>
    /// <param name="directory">The folder to flush.</param>
    /// <param name="calls">The calls to make.</param>
    /// <returns><see langword="true"/> when the folder was flushed.</returns>
    public static bool Flush(string directory, IDirectoryCalls calls)
    {
        // Stryker disable once all : Windows only; a run on Linux cannot execute it
        if (!Posix.IsSupported)
        {
            return false;
        }

        var descriptor = calls.Open(directory);
        if (descriptor < 0)
        {
            return false;
        }

        try
        {
            return calls.FSync(descriptor) == 0;
        }
        finally
        {
            _ = calls.Close(descriptor);
        }
    }
}
