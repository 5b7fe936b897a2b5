using System.Diagnostics;
using System.IO.Abstractions;
using Omk.Runtime.Atomic;

namespace Omk.Reliability.Tests;

/// <summary>
/// A lock held by another process makes a record fail after about the configured time, naming the lock file,
/// and nothing is written.
/// </summary>
public sealed class LockTimeoutTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Record_WhileAnotherProcessHoldsTheLock_FailsNamingTheLockFileAndWritesNothing()
    {
        await File.WriteAllTextAsync(_folder.CostsFile, "[]\n");
        var before = await File.ReadAllBytesAsync(_folder.CostsFile);
        var lockPath = _folder.CostsFile + ".lock";
        await using var held = await FileLock.AcquireAsync(new FileSystem(), lockPath, TimeSpan.FromSeconds(5), TimeProvider.System);

        var clock = Stopwatch.StartNew();
        using var writer = WriterProcess.Start(_folder.Path, "blocked", 1, TimeSpan.FromMilliseconds(1_500));
        var (exitCode, stderr) = await writer.WaitAsync(TimeSpan.FromMinutes(1));
        clock.Stop();

        Assert.Equal(1, exitCode);
        Assert.Contains(lockPath, stderr, StringComparison.Ordinal);
        Assert.Empty(writer.Acks);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1_500), $"gave up after {clock.Elapsed}");
        Assert.Equal(before, await File.ReadAllBytesAsync(_folder.CostsFile));
        Assert.Empty(_folder.TempFiles());
    }
}
