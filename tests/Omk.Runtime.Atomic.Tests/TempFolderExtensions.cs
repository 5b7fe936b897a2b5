namespace Omk.Runtime.Atomic.Tests;

/// <summary>What the atomic writer leaves in a <see cref="TempFolder"/>.</summary>
internal static class TempFolderExtensions
{
    /// <summary>Gets the temp files an atomic write of <paramref name="fileName"/> left in <paramref name="folder"/> (the temp folder by default).</summary>
    public static string[] TempFilesOf(this TempFolder temp, string fileName, string? folder = null) =>
        Directory.GetFiles(folder ?? temp.Path, AtomicFileWriter.TempFilePattern(fileName));
}
