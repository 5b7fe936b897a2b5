namespace Omk.Runtime.Atomic;

/// <summary>The type, permissions and owner of files and of this process's user, on Linux and macOS.</summary>
internal static class UnixFile
{
    /// <summary>Gets a value indicating whether files have Unix owners and types here (Linux and macOS).</summary>
    public static bool IsSupported => Posix.IsSupported;

    /// <summary>Gets the effective user id of this process, or null where <see cref="IsSupported"/> is false.</summary>
    // Stryker disable once Conditional : the null is for Windows; a run on Linux cannot execute it
    public static uint? EffectiveUserId => Posix.IsSupported ? Posix.EffectiveUserId : null;

    /// <summary>Reads the status of a path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="followLinks">Whether a symbolic link at the path is followed to what it names.</param>
    /// <returns>The status; null when nothing is there, or where <see cref="IsSupported"/> is false.</returns>
    /// <exception cref="IOException">The status could not be read.</exception>
    public static FileStatus? GetStatus(string path, bool followLinks)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Stryker disable once Conditional : the null is for Windows; a run on Linux cannot execute it
        return Posix.IsSupported ? Posix.Status(path, followLinks) : null;
    }
}
