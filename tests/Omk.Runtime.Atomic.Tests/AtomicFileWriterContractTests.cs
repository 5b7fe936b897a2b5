using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using NSubstitute;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// What the atomic writer promises at its edges: its arguments, which writer flushes folders, the owner and group a
/// rewrite keeps, temp files it cannot remove, and a rename that fails on Linux.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileWriterContractTests : IDisposable
{
    private static readonly byte[] Content = "[]\n"u8.ToArray();
    private readonly TempFolder _folder = new();

    private string Target => _folder.Combine("costs.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Constructor_RealDisk_FlushesFoldersThroughTheCLibrary()
    {
        Assert.Same(LibcDirectoryCalls.Instance, new AtomicFileWriter(new FileSystem()).DirectoryCalls);
    }

    [Fact]
    public void Constructor_TestDouble_FlushesNoFolder()
    {
        Assert.Null(new AtomicFileWriter(new MockFileSystem()).DirectoryCalls);
    }

    [Fact]
    public async Task WriteAsync_NullOrEmptyArguments_AreRefusedBeforeAnythingIsWritten()
    {
        var writer = new AtomicFileWriter(new FileSystem());

        await Assert.ThrowsAsync<ArgumentNullException>(() => writer.WriteAsync(null!, Content));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(string.Empty, Content));
        await Assert.ThrowsAsync<ArgumentNullException>(() => writer.WriteAsync(Target, (Func<Stream, CancellationToken, Task>)null!));
        Assert.Throws<ArgumentNullException>(() => writer.ResolveTarget(null!));
        Assert.Throws<ArgumentException>(() => writer.RemoveOrphanedTempFiles(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new AtomicFileWriter(null!));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public async Task WriteAsync_PathWithoutAParentFolder_IsRefusedNamingIt()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => new AtomicFileWriter(new FileSystem()).WriteAsync("/", Content));

        Assert.StartsWith("'/' has no parent folder.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_RenameRefusedOnLinux_FailsAtOnceWithoutRetrying()
    {
        var fileSystem = new StepFaultFileSystem(WriteStep.Rename, new UnauthorizedAccessException("injected: access denied"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => new AtomicFileWriter(fileSystem).WriteAsync(Target, Content));

        Assert.Equal(1, fileSystem.RenameAttempts);
        Assert.Empty(_folder.TempFilesOf("costs.json"));
    }

    [Theory]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(UnauthorizedAccessException))]
    public void RemoveOrphanedTempFiles_AnOrphanThatCannotBeRemoved_IsNotCountedAndStays(Type failure)
    {
        var orphan = _folder.Combine(".costs.json.tmp.0123456789abcdef");
        File.WriteAllText(orphan, "half a write");
        var real = new FileSystem();
        var file = Substitute.For<IFile>();
        file.Exists(Arg.Any<string>()).Returns(call => real.File.Exists(call.Arg<string>()));
        file.When(f => f.Delete(Arg.Any<string>())).Do(_ => throw (Exception)Activator.CreateInstance(failure, "injected: cannot delete")!);

        var removed = new AtomicFileWriter(ForwardingFileSystem.Create(file)).RemoveOrphanedTempFiles(Target);

        Assert.Equal(0, removed);
        Assert.True(File.Exists(orphan));
    }

    [RootFact]
    public async Task WriteAsync_RootRewritesAFileOfAUserInRootsGroup_KeepsTheUser()
    {
        var user = SecondUser.Get;
        await File.WriteAllTextAsync(Target, "[1]");
        Unix.Chown(Target, user.Uid, 0);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Target, Content);

        Assert.Equal((user.Uid, 0), Unix.OwnerOf(Target));
    }

    [RootFact]
    public async Task WriteAsync_RootRewritesItsOwnFileInAUsersGroup_KeepsTheGroup()
    {
        var user = SecondUser.Get;
        await File.WriteAllTextAsync(Target, "[1]");
        Unix.Chown(Target, 0, user.Gid);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Target, Content);

        Assert.Equal((0, user.Gid), Unix.OwnerOf(Target));
    }

    [RootFact]
    public async Task WriteAsync_RootWritesANewFileThroughALinkToAUsersFolder_GivesItTheFoldersOwner()
    {
        var user = SecondUser.Get;
        var folder = Directory.CreateDirectory(_folder.Combine("users")).FullName;
        Unix.Chown(folder, user.Uid, user.Gid);
        var linked = _folder.Combine("state");
        Directory.CreateSymbolicLink(linked, folder);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Path.Combine(linked, "costs.json"), Content);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(folder, "costs.json")));
    }
    [Fact]
    public async Task WriteAsync_RewriteOfTheWritersOwnFile_AsksForNoOwnerChange()
    {
        await File.WriteAllTextAsync(Target, "[1]");
        var calls = new FakePosixCalls(changeOwnerResult: Posix.EPERM);

        await new AtomicFileWriter(new FileSystem(), LibcDirectoryCalls.Instance, posixCalls: calls).WriteAsync(Target, Content);

        Assert.Equal(Content, await File.ReadAllBytesAsync(Target));
        Assert.Empty(calls.OwnerChanges);
    }

    [RootFact]
    public async Task WriteAsync_OwnerCannotBeKept_FailsNamingTheOwnerAndKeepsTheOldFile()
    {
        var user = SecondUser.Get;
        await File.WriteAllTextAsync(Target, "[1]");
        Unix.Chown(Target, user.Uid, user.Gid);
        var writer = new AtomicFileWriter(new FileSystem(), LibcDirectoryCalls.Instance, posixCalls: new FakePosixCalls(changeOwnerResult: Posix.EPERM));

        var exception = await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(Target, Content));

        Assert.Equal($"could not keep the owner and group of {Target} (user {user.Uid}, group {user.Gid}): Operation not permitted", exception.Message);
        Assert.Equal(Posix.EPERM, exception.HResult);
        Assert.Equal("[1]", await File.ReadAllTextAsync(Target));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Target));
        Assert.Empty(_folder.TempFilesOf("costs.json"));
    }

    [RootFact]
    public async Task WriteAsync_NonRootWriterMakesANewFileInAUsersFolder_KeepsItsOwnOwner()
    {
        var user = SecondUser.Get;
        Unix.Chown(_folder.Path, user.Uid, user.Gid);
        var calls = new FakePosixCalls(effectiveUserId: 4242);

        await new AtomicFileWriter(new FileSystem(), LibcDirectoryCalls.Instance, posixCalls: calls).WriteAsync(Target, Content);

        Assert.Equal((0, 0), Unix.OwnerOf(Target));
        Assert.Empty(calls.OwnerChanges);
    }
}
