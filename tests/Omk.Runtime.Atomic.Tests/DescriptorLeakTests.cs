using System.IO.Abstractions;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>Alone in the process, so that no other test opens files meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DescriptorCountCollection
{
    public const string Name = "open descriptors";
}

/// <summary>
/// Every refusal closes what it opened: a named pipe refused, a stream refused over an opened file, a lock held
/// elsewhere or not a regular file, leak no descriptor, counted in <c>/proc/self/fd</c> over many tries.
/// </summary>
[Collection(DescriptorCountCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DescriptorLeakTests : IDisposable
{
    private const int Tries = 200;
    private const int Slack = 20;
    private const long NoCollectionBytes = 64L * 1024 * 1024;
    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OpenRead_NamedPipeRefusedManyTimes_LeaksNoDescriptor()
    {
        var fifo = _folder.Combine("costs.json");
        Unix.MakeFifo(fifo);

        var grown = Growth(() => Assert.Throws<NotARegularFileException>(() => RegularFile.OpenRead(_fileSystem, fifo)));

        Assert.InRange(grown, int.MinValue, Slack);
    }

    [Fact]
    public void OpenRead_StreamRefusedOverTheOpenedFileManyTimes_ClosesTheFileAndThrows()
    {
        var path = _folder.Combine("costs.json");
        File.WriteAllText(path, "[]");

        var grown = Growth(() => Assert.Throws<ArgumentOutOfRangeException>(() => RegularFile.OpenRead(_fileSystem, path, bufferSize: -1)));

        Assert.InRange(grown, int.MinValue, Slack);
    }

    [Fact]
    public void AcquireAsync_LockFileANamedPipeManyTimes_LeaksNoDescriptor()
    {
        var fifo = _folder.Combine("costs.json.lock");
        Unix.MakeFifo(fifo);

        var grown = Growth(() => Assert.ThrowsAsync<NotARegularFileException>(
            () => FileLock.AcquireAsync(_fileSystem, fifo, TimeSpan.Zero, TimeProvider.System)).GetAwaiter().GetResult());

        Assert.InRange(grown, int.MinValue, Slack);
    }

    [Fact]
    public void AcquireAsync_LockHeldByAnotherHandleManyTimes_LeaksNoDescriptor()
    {
        var path = _folder.Combine("costs.json.lock");
        File.WriteAllBytes(path, []);
        using var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var grown = Growth(() => Assert.ThrowsAsync<FileLockTimeoutException>(
            () => FileLock.AcquireAsync(_fileSystem, path, TimeSpan.Zero, TimeProvider.System)).GetAwaiter().GetResult());

        Assert.InRange(grown, int.MinValue, Slack);
    }

    /// <summary>
    /// Counts the descriptors that many attempts leave open, with the garbage collector held off meanwhile: a leaked
    /// handle's finalizer would otherwise close it at the next collection and hide the leak.
    /// </summary>
    private static int Growth(Action attempt)
    {
        attempt();
        var before = OpenDescriptors();
        var noCollection = GC.TryStartNoGCRegion(NoCollectionBytes);
        try
        {
            for (var index = 0; index < Tries; index++)
            {
                attempt();
            }

            return OpenDescriptors() - before;
        }
        finally
        {
            if (noCollection && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    private static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;
}
