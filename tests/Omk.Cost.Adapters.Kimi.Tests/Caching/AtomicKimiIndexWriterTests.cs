using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Caching;

namespace Omk.Cost.Adapters.Kimi.Tests.Caching;

public sealed class AtomicKimiIndexWriterTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("omk-kimi-writer-").FullName;

    [Fact]
    public void Write_BelowTheStateFolder_CreatesTheFolderAndTheWholeFile()
    {
        var writer = new AtomicKimiIndexWriter(new FileSystem(), _state);
        var path = Path.Combine(_state, "kimi-index", "shard-07.bin");

        writer.Write(path, new byte[] { 1, 2, 3 });

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_OutsideTheStateFolder_IsRefusedAndWritesNothing()
    {
        var writer = new AtomicKimiIndexWriter(new FileSystem(), Path.Combine(_state, "state"));
        var outside = Path.Combine(_state, "elsewhere.bin");

        var exception = Assert.Throws<IOException>(() => writer.Write(outside, new byte[] { 1 }));

        Assert.Contains("not below the state folder", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
    }

    [Fact]
    public void Write_ALinkAtTheFilesName_IsReplacedNotWrittenThrough()
    {
        var target = Path.Combine(_state, "target.bin");
        File.WriteAllBytes(target, [9]);
        var index = Directory.CreateDirectory(Path.Combine(_state, "kimi-index")).FullName;
        var path = Path.Combine(index, "shard-00.bin");
        File.CreateSymbolicLink(path, target);

        new AtomicKimiIndexWriter(new FileSystem(), _state).Write(path, new byte[] { 4, 5 });

        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(target));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.Equal(new byte[] { 4, 5 }, File.ReadAllBytes(path));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
