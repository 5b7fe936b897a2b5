using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Abstractions;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;

namespace Omk.Runtime.Atomic.Tests;

public sealed class FileLockTests : IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    private string LockPath => _folder.Combine("costs.json.lock");

    public void Dispose() => _folder.Dispose();

    // Arguments.

    [Fact]
    public async Task AcquireAsync_NegativeTimeout_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AcquireAsync(TimeSpan.FromMilliseconds(-2)));
    }

    [Fact]
    public async Task AcquireAsync_RelativePath_HoldsTheLockFileByItsFullPath()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, LockPath);

        await using var held = await FileLock.AcquireAsync(_fileSystem, relative, Short, TimeProvider.System);

        Assert.Equal(LockPath, held.Path);
    }

    // The lock file.

    [Fact]
    public async Task AcquireAsync_MissingLockFile_CreatesIt()
    {
        await using var held = await AcquireAsync(Short);

        Assert.True(File.Exists(LockPath));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task AcquireAsync_MissingLockFile_CreatesItReadableByTheOwnerOnly()
    {
        await using var held = await AcquireAsync(Short);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LockPath));
    }

    [Fact]
    public async Task Dispose_HeldLock_KeepsTheLockFile()
    {
        var held = await AcquireAsync(Short);

        await held.DisposeAsync();

        Assert.True(File.Exists(LockPath));
    }

    // Threads of this process.

    [Fact]
    public async Task AcquireAsync_WhileHeldInProcess_ThrowsTimeoutNamingTheLockFile()
    {
        await using var holder = await AcquireAsync(Short);

        var error = await Assert.ThrowsAsync<FileLockTimeoutException>(() => AcquireAsync(Short));

        Assert.Equal(LockPath, error.LockPath);
        Assert.Contains(LockPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_WhileHeldInProcess_WaitsAboutTheTimeoutBeforeGivingUp()
    {
        await using var holder = await AcquireAsync(Short);
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<FileLockTimeoutException>(() => AcquireAsync(Short));

        Assert.True(watch.Elapsed >= Short - TimeSpan.FromMilliseconds(50), $"gave up after {watch.Elapsed}");
    }

    [Fact]
    public async Task AcquireAsync_WhileHeldInProcess_ThrowsTimeoutOnceTheClockPassesTheTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var holder = await AcquireAsync(Short);
        var waiting = FileLock.AcquireAsync(_fileSystem, LockPath, TimeSpan.FromHours(1), clock);
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        // The wait ends on the fake clock's hour, not the real one: a guard of 30 real seconds is far below it.
        var error = await Assert.ThrowsAsync<FileLockTimeoutException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(LockPath, error.LockPath);
    }

    [Fact]
    public async Task AcquireAsync_AfterTheHolderReleases_Succeeds()
    {
        var holder = await AcquireAsync(Short);
        await holder.DisposeAsync();

        await using var next = await AcquireAsync(Short);

        Assert.Equal(LockPath, next.Path);
    }

    [Fact]
    public async Task AcquireAsync_WhileHeldInProcess_SucceedsOnceTheHolderReleases()
    {
        var holder = await AcquireAsync(Short);

        await using var next = await AcquireWhileReleasingAsync(holder);

        Assert.Equal(LockPath, next.Path);
    }

    [Fact]
    public async Task Dispose_Twice_IsHarmless()
    {
        var held = await AcquireAsync(Short);
        held.Dispose();

        var error = await Record.ExceptionAsync(async () =>
        {
            held.Dispose();
            await held.DisposeAsync();
        });

        Assert.Null(error);
    }

    [Fact]
    public async Task AcquireAsync_ManyTasksAtOnce_LetsOneInAtATime()
    {
        const int Workers = 16;
        var counter = 0;
        var inside = 0;
        var observed = new ConcurrentBag<int>();

        async Task IncrementUnderTheLock()
        {
            await using var held = await AcquireAsync(Long);
            observed.Add(Interlocked.Increment(ref inside));
            var read = counter;
            await Task.Yield();
            counter = read + 1;
            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(IncrementUnderTheLock)));

        Assert.Equal(Workers, counter);
        Assert.Equal(1, observed.Max());
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingInProcess_ThrowsOperationCanceled()
    {
        await using var holder = await AcquireAsync(Short);
        using var source = new CancellationTokenSource();
        var waiting = AcquireAsync(Long, source.Token);

        await source.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    // Other processes (util-linux flock takes the same flock(2) lock).

    [Fact]
    public async Task AcquireAsync_WhileHeld_RefusesTheLockToAnotherProcess()
    {
        await using var held = await AcquireAsync(Short);

        var exitCode = await OtherProcessLock.TryOnceAsync(LockPath);

        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Dispose_HeldLock_LetsAnotherProcessTakeIt()
    {
        var held = await AcquireAsync(Short);

        await held.DisposeAsync();

        Assert.Equal(0, await OtherProcessLock.TryOnceAsync(LockPath));
    }

    [Fact]
    public async Task AcquireAsync_WhileAnotherProcessHolds_ThrowsTimeoutOnceTheClockPassesTheTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var other = await OtherProcessLock.HoldAsync(LockPath);
        var waiting = FileLock.AcquireAsync(_fileSystem, LockPath, TimeSpan.FromSeconds(10), clock);

        clock.Advance(TimeSpan.FromSeconds(11));

        var error = await Assert.ThrowsAsync<FileLockTimeoutException>(() => waiting);
        Assert.Equal(LockPath, error.LockPath);
    }

    [Fact]
    public async Task AcquireAsync_WhileAnotherProcessHolds_SucceedsOnceItReleases()
    {
        var other = await OtherProcessLock.HoldAsync(LockPath);

        await using var held = await AcquireWhileReleasingAsync(other);

        Assert.Equal(LockPath, held.Path);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForAnotherProcess_ReleasesTheInProcessGate()
    {
        var other = await OtherProcessLock.HoldAsync(LockPath);
        using var source = new CancellationTokenSource();
        var waiting = FileLock.AcquireAsync(_fileSystem, LockPath, Long, new FakeTimeProvider(), source.Token);
        await source.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await other.DisposeAsync();

        // A zero timeout fails at once if the cancelled waiter still held the gate.
        await using var held = await AcquireAsync(TimeSpan.Zero);

        Assert.Equal(LockPath, held.Path);
    }

    private Task<FileLock> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        FileLock.AcquireAsync(_fileSystem, LockPath, timeout, TimeProvider.System, cancellationToken);

    // Starts waiting for the lock, then has the holder release it.
    private async Task<FileLock> AcquireWhileReleasingAsync(IAsyncDisposable holder)
    {
        var waiting = AcquireAsync(Long);
        await holder.DisposeAsync();
        return await waiting;
    }
}
