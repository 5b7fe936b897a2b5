using System.IO.Abstractions;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>The lock file is never followed through a link, and must be a regular file of the user's.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileLockSafetyTests : IDisposable
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    private string LockPath => _folder.Combine("costs.json.lock");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AcquireAsync_LockIsADanglingLink_FailsAtOnceWithoutCreatingTheTarget()
    {
        var target = _folder.Combine("elsewhere", "planted");
        Directory.CreateDirectory(_folder.Combine("elsewhere"));
        File.CreateSymbolicLink(LockPath, target);

        var acquire = FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System);
        var exception = await Assert.ThrowsAsync<IOException>(() => acquire.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal($"the lock file {LockPath} is a symbolic link; a lock file must be a regular file: remove the link", exception.Message);
        Assert.False(File.Exists(target));
        Assert.NotNull(new FileInfo(LockPath).LinkTarget);
    }

    [Fact]
    public async Task AcquireAsync_LockIsALinkToARegularFile_FailsWithoutTouchingIt()
    {
        var target = _folder.Combine("victim");
        File.WriteAllText(target, "root:x:0:0");
        File.CreateSymbolicLink(LockPath, target);

        await Assert.ThrowsAsync<IOException>(() => FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System));

        Assert.Equal("root:x:0:0", File.ReadAllText(target));
    }

    [Fact]
    public async Task AcquireAsync_LockIsANamedPipe_FailsAtOnceNamingIt()
    {
        Unix.MakeFifo(LockPath);

        var acquire = FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System);
        var exception = await Assert.ThrowsAsync<NotARegularFileException>(() => acquire.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(FileKind.Fifo, exception.Kind);
        Assert.Equal(LockPath, exception.FilePath);
    }

    [Fact]
    public async Task AcquireAsync_LockIsAFolder_FailsNamingIt()
    {
        Directory.CreateDirectory(LockPath);

        var exception = await Assert.ThrowsAnyAsync<IOException>(() => FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System));

        Assert.Contains(LockPath, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_AfterARefusal_ReleasesTheInProcessGate()
    {
        Unix.MakeFifo(LockPath);
        await Assert.ThrowsAsync<NotARegularFileException>(() => FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System));
        File.Delete(LockPath);

        await using var held = await FileLock.AcquireAsync(_fileSystem, LockPath, TimeSpan.Zero, TimeProvider.System);

        Assert.Equal(LockPath, held.Path);
    }

    [Fact]
    public async Task AcquireAsync_NewLockFile_IsARegularFileOfTheOwnerAlone()
    {
        await using (await FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System))
        {
            var status = UnixFile.GetStatus(LockPath, followLinks: false)!.Value;

            Assert.Equal(FileKind.RegularFile, status.Kind);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, status.Mode);
            Assert.Equal(UnixFile.EffectiveUserId, status.OwnerId);
        }
    }

    [Fact]
    public void TimeoutMessage_NamesTheLockAndTheWaitWithoutAProductName()
    {
        var exception = new FileLockTimeoutException("/state/costs.json.lock", TimeSpan.FromSeconds(10));

        Assert.Equal("the lock /state/costs.json.lock stayed held by another process for 10 s", exception.Message);
    }

    [RootFact]
    public async Task AcquireAsync_RootCreatesTheLockInAUsersFolder_GivesItToThatUser()
    {
        var user = SecondUser.Get;
        Unix.Chown(_folder.Path, user.Uid, user.Gid);

        await using (await FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System))
        {
        }

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(LockPath));
    }

    [RootFact]
    public async Task AcquireAsync_RootAndALockOfAnotherUser_TakesIt()
    {
        var user = SecondUser.Get;
        File.WriteAllBytes(LockPath, []);
        Unix.Chown(LockPath, user.Uid, user.Gid);

        await using var held = await FileLock.AcquireAsync(_fileSystem, LockPath, TimeSpan.Zero, TimeProvider.System);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(LockPath));
    }
    [Fact]
    public async Task AcquireAsync_LockFileOfAnotherUser_FailsAtOnceNamingItsOwner()
    {
        File.WriteAllBytes(LockPath, []);
        var owner = UnixFile.GetStatus(LockPath, followLinks: false)!.Value.OwnerId;
        var user = owner == 4242 ? 4243u : 4242u;

        var acquire = FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System, new FakePosixCalls(effectiveUserId: user));
        var exception = await Assert.ThrowsAsync<IOException>(() => acquire.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal($"the lock file {LockPath} belongs to user {owner}, not to this user ({user}): it must be the user's own file", exception.Message);
        Assert.Equal(owner, UnixFile.GetStatus(LockPath, followLinks: false)!.Value.OwnerId);
    }

    [Fact]
    public async Task AcquireAsync_FlockFailsWithAnotherErrorThanHeld_FailsAtOnceWithItsMessageAndReleasesTheGate()
    {
        const int InputOutputError = 5;

        var acquire = FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System, new FakePosixCalls(lockResult: InputOutputError));
        var exception = await Assert.ThrowsAsync<IOException>(() => acquire.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal($"{LockPath}: Input/output error", exception.Message);
        Assert.Equal(InputOutputError, exception.HResult);
        await using var held = await FileLock.AcquireAsync(_fileSystem, LockPath, TimeSpan.Zero, TimeProvider.System);
        Assert.Equal(LockPath, held.Path);
    }

    [Theory]
    [InlineData(Posix.EACCES, "Permission denied")]
    [InlineData(Posix.EPERM, "Operation not permitted")]
    public async Task AcquireAsync_FlockRefused_FailsAtOnceAsAccessDenied(int errno, string reason)
    {
        var acquire = FileLock.AcquireAsync(_fileSystem, LockPath, LongWait, TimeProvider.System, new FakePosixCalls(lockResult: errno));
        var exception = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => acquire.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal($"Access to the path '{LockPath}' is denied: {reason}.", exception.Message);
    }
}
