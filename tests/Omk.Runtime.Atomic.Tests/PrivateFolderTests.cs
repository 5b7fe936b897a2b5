using System.IO.Abstractions;
using NSubstitute;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>Folders are created for their owner alone, and root creating one in a user's folder gives it to the user.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFolderTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Create_MissingFolders_CreatesThemAndTheLastForTheOwnerAlone()
    {
        var path = _folder.Combine("state", "omk");

        PrivateFolder.Create(_fileSystem, path);

        Assert.True(Directory.Exists(_folder.Combine("state")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Create_ExistingFolder_LeavesItAsItIs()
    {
        var path = Directory.CreateDirectory(_folder.Combine("state")).FullName;
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        PrivateFolder.Create(_fileSystem, path);

        Assert.Equal(OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Create_NullOrEmptyArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => PrivateFolder.Create(null!, _folder.Path));
        Assert.Throws<ArgumentException>(() => PrivateFolder.Create(_fileSystem, string.Empty));
    }

    [RootFact]
    public void Create_RootInsideAUsersFolder_GivesEveryNewFolderToTheUser()
    {
        var (user, home) = HomeOfTheSecondUser();
        var path = Path.Combine(home, ".local", "state", "omk");

        PrivateFolder.Create(_fileSystem, path);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(home, ".local")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(home, ".local", "state")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(path));
    }

    [RootFact]
    public void Create_RootInsideItsOwnFolder_KeepsRoot()
    {
        var path = _folder.Combine("state");

        PrivateFolder.Create(_fileSystem, path);

        Assert.Equal((0, 0), Unix.OwnerOf(path));
    }

    [RootFact]
    public void Create_RootThroughALinkToAUsersFolder_GivesTheNewFolderToTheUser()
    {
        var (user, home) = HomeOfTheSecondUser();
        var linked = _folder.Combine("home-link");
        Directory.CreateSymbolicLink(linked, home);

        PrivateFolder.Create(_fileSystem, Path.Combine(linked, "state"));

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(home, "state")));
    }
    [Fact]
    public async Task Create_FileSystemThatKnowsNoRoot_CreatesTheFolderOnceAndReturns()
    {
        var directory = Substitute.For<IDirectory>();
        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.Path.Returns(_fileSystem.Path);
        fileSystem.Directory.Returns(directory);

        await Task.Run(() => PrivateFolder.Create(fileSystem, "/state/omk")).WaitAsync(TimeSpan.FromSeconds(10));

        directory.Received(1).CreateDirectory("/state/omk", OwnerOnly);
    }

    [RootFact]
    public void Create_RootThroughAFileSystemThatIsNotTheRealDisksType_ChangesNoOwner()
    {
        var (_, home) = HomeOfTheSecondUser();
        var path = Path.Combine(home, "state");

        PrivateFolder.Create(ForwardingFileSystem.Create(), path);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal((0, 0), Unix.OwnerOf(path));
    }

    [RootFact]
    public void Create_RootCannotGiveTheFolderToTheUser_FailsNamingBothFolders()
    {
        var (user, home) = HomeOfTheSecondUser();
        var path = Path.Combine(home, "state");

        var exception = Assert.Throws<IOException>(() => PrivateFolder.Create(_fileSystem, path, new FakePosixCalls(changeOwnerResult: Posix.EPERM)));

        Assert.Equal($"could not give the new folder {path} to the owner of {home} (user {user.Uid}, group {user.Gid}): Operation not permitted", exception.Message);
        Assert.Equal(Posix.EPERM, exception.HResult);
    }

    [RootFact]
    public void Create_NonRootInsideAUsersFolder_ChangesNoOwner()
    {
        var (user, home) = HomeOfTheSecondUser();
        var path = Path.Combine(home, "state");
        var calls = new FakePosixCalls(effectiveUserId: 4242);

        PrivateFolder.Create(_fileSystem, path, calls);

        Assert.Equal((0, 0), Unix.OwnerOf(path));
        Assert.Empty(calls.OwnerChanges);
    }

    /// <summary>Makes a folder of the second user's, as a home is.</summary>
    private (SecondUser User, string Home) HomeOfTheSecondUser()
    {
        var user = SecondUser.Get;
        var home = Directory.CreateDirectory(_folder.Combine("home")).FullName;
        Unix.Chown(home, user.Uid, user.Gid);
        return (user, home);
    }
}
