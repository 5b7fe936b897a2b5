namespace Omk.Reliability.Tests;

/// <summary>A fresh folder on the real disk, removed with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "omk-reliability-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string CostsFile => System.IO.Path.Combine(Path, "costs.json");

    public string[] TempFiles() => Directory.GetFiles(Path, ".costs.json.tmp.*");

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
