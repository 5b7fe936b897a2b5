namespace Omk.Testing;

/// <summary>A fresh folder on the real disk, removed with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder under the system's temp folder.</summary>
    /// <param name="prefix">The start of the folder's name, saying which tests made it.</param>
    public TempFolder(string prefix = "omk-tests-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; }

    /// <summary>Joins parts to the folder's path.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates a folder inside this one and returns its full path.</summary>
    public string Folder(string name) => Directory.CreateDirectory(Combine(name)).FullName;

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
