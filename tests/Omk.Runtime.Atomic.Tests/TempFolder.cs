namespace Omk.Runtime.Atomic.Tests;

/// <summary>A fresh folder on the real disk, removed with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "omk-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Gets the temp files an atomic write of <paramref name="fileName"/> left in <paramref name="folder"/> (this folder by default).</summary>
    public string[] TempFilesOf(string fileName, string? folder = null) =>
        Directory.GetFiles(folder ?? Path, AtomicFileWriter.TempFilePattern(fileName));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
