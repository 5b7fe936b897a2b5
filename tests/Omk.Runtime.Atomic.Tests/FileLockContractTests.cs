using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// What the lock promises at its edges: its arguments, a cancelled caller, a file system that is not the real disk's
/// (the portable path, as on Windows), and errors that are not contention.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileLockContractTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();

    private string LockPath => _folder.Combine("costs.json.lock");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AcquireAsync_NullOrEmptyArguments_AreRefused()
    {
        var fileSystem = new FileSystem();

        await Assert.ThrowsAsync<ArgumentNullException>(() => FileLock.AcquireAsync(null!, LockPath, TimeSpan.Zero, TimeProvider.System));
        await Assert.ThrowsAsync<ArgumentNullException>(() => FileLock.AcquireAsync(fileSystem, null!, TimeSpan.Zero, TimeProvider.System));
        await Assert.ThrowsAsync<ArgumentException>(() => FileLock.AcquireAsync(fileSystem, string.Empty, TimeSpan.Zero, TimeProvider.System));
        await Assert.ThrowsAsync<ArgumentNullException>(() => FileLock.AcquireAsync(fileSystem, LockPath, TimeSpan.Zero, null!));
        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public async Task AcquireAsync_AlreadyCancelled_TakesNothingAndLeavesTheLockFree()
    {
        var fileSystem = new FileSystem();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => FileLock.AcquireAsync(fileSystem, LockPath, TimeSpan.FromSeconds(5), TimeProvider.System, new CancellationToken(canceled: true)));

        await using var next = await FileLock.AcquireAsync(fileSystem, LockPath, TimeSpan.Zero, TimeProvider.System).WaitAsync(NoHang);
        Assert.Equal(LockPath, next.Path);
    }

    [Fact]
    public async Task AcquireAsync_OnATestDouble_CreatesTheLockFileThere()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.Directory.CreateDirectory(_folder.Combine("mock"));
        var path = _folder.Combine("mock", "costs.json.lock");

        await using (await FileLock.AcquireAsync(fileSystem, path, TimeSpan.Zero, TimeProvider.System))
        {
            Assert.True(fileSystem.File.Exists(path));
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task AcquireAsync_PortablePathOnTheRealDisk_CreatesTheLockForTheOwnerAlone()
    {
        await using (await FileLock.AcquireAsync(ForwardingFileSystem.Create(), LockPath, TimeSpan.Zero, TimeProvider.System))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LockPath));
        }
    }

    [Fact]
    public async Task AcquireAsync_PortablePathWhileAnotherHandleHoldsTheFile_WaitsUntilTheTimeout()
    {
        File.WriteAllBytes(LockPath, []);
        using var holder = new FileStream(LockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var acquire = FileLock.AcquireAsync(ForwardingFileSystem.Create(), LockPath, TimeSpan.FromMilliseconds(100), TimeProvider.System);

        await Assert.ThrowsAsync<FileLockTimeoutException>(() => acquire.WaitAsync(NoHang));
    }

    [Fact]
    public async Task AcquireAsync_PortablePathThroughALinkLoop_FailsAtOnceInsteadOfWaiting()
    {
        var loop = _folder.Combine("loop");
        File.CreateSymbolicLink(loop, loop);

        var acquire = FileLock.AcquireAsync(ForwardingFileSystem.Create(), Path.Combine(loop, "costs.json.lock"), TimeSpan.FromSeconds(30), TimeProvider.System);

        var exception = await Assert.ThrowsAnyAsync<IOException>(() => acquire.WaitAsync(NoHang));
        Assert.IsNotType<FileLockTimeoutException>(exception);
    }

    [Fact]
    public async Task AcquireAsync_LockInAMissingFolder_SaysSoRatherThanBlamingALink()
    {
        var path = _folder.Combine("missing", "costs.json.lock");

        var exception = await Assert.ThrowsAnyAsync<IOException>(() => FileLock.AcquireAsync(new FileSystem(), path, TimeSpan.FromSeconds(30), TimeProvider.System).WaitAsync(NoHang));

        Assert.IsType<FileNotFoundException>(exception);
        Assert.DoesNotContain("symbolic link", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_PortablePathInAMissingFolder_FailsAtOnceInsteadOfWaiting()
    {
        var path = _folder.Combine("missing", "costs.json.lock");

        var acquire = FileLock.AcquireAsync(ForwardingFileSystem.Create(), path, TimeSpan.FromSeconds(30), TimeProvider.System);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => acquire.WaitAsync(NoHang));
    }

    [Omk.Tests.Unix.RootFact]
    public async Task AcquireAsync_RootCreatesTheLockThroughALinkToAUsersFolder_GivesTheLockToTheUser()
    {
        var user = Omk.Tests.Unix.SecondUser.Get;
        var folder = Directory.CreateDirectory(_folder.Combine("users")).FullName;
        Omk.Tests.Unix.Unix.Chown(folder, user.Uid, user.Gid);
        var linked = _folder.Combine("state");
        Directory.CreateSymbolicLink(linked, folder);

        await using (await FileLock.AcquireAsync(new FileSystem(), Path.Combine(linked, "costs.json.lock"), TimeSpan.Zero, TimeProvider.System))
        {
            Assert.Equal((user.Uid, user.Gid), Omk.Tests.Unix.Unix.OwnerOf(Path.Combine(folder, "costs.json.lock")));
        }
    }
}
