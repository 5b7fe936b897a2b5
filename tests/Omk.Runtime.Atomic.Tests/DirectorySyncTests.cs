namespace Omk.Runtime.Atomic.Tests;

public sealed class DirectorySyncTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Flush_ExistingFolderOnLinux_ReturnsTrue()
    {
        var flushed = DirectorySync.Flush(_folder.Path);

        Assert.True(flushed);
    }

    [Fact]
    public void Flush_MissingFolder_ReturnsFalse()
    {
        var flushed = DirectorySync.Flush(_folder.Combine("missing"));

        Assert.False(flushed);
    }
}
