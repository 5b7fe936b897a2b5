using System.IO.Abstractions;
using System.Text;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// A write below a folder (<see cref="AtomicFileWriter.WriteBelow"/>) follows no link below it: a link at the file is
/// replaced, a link, a file, another user's folder or one others can write on the way is refused, and what root writes
/// is the folder owner's.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileWriterBelowTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("index");
    private readonly TempFolder _folder = new();
    private readonly AtomicFileWriter _writer = new(new FileSystem(), durable: false);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriteBelow_MissingFolders_CreatesThemForTheOwnerAloneAndTheFileReadableByTheOwnerAlone()
    {
        var state = _folder.Combine("state");

        _writer.WriteBelow(state, Path.Combine("kimi-index", "result", "tree.bin"), Content);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(state));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(state, "kimi-index")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(state, "kimi-index", "result")));
        var file = Path.Combine(state, "kimi-index", "result", "tree.bin");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(Content, File.ReadAllBytes(file));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void WriteBelow_ALinkAtTheFile_ReplacesTheLinkAndLeavesItsTargetAlone()
    {
        var target = _folder.Combine("passwd");
        File.WriteAllText(target, "root:x:0:0\n");
        var index = Directory.CreateDirectory(_folder.Combine("state", "kimi-index")).FullName;
        File.CreateSymbolicLink(Path.Combine(index, "shard-04.bin"), target);

        _writer.WriteBelow(_folder.Combine("state"), Path.Combine("kimi-index", "shard-04.bin"), Content);

        Assert.Equal("root:x:0:0\n", File.ReadAllText(target));
        Assert.Null(new FileInfo(Path.Combine(index, "shard-04.bin")).LinkTarget);
        Assert.Equal(Content, File.ReadAllBytes(Path.Combine(index, "shard-04.bin")));
    }

    [Fact]
    public void WriteBelow_TheFolderOnTheWayALinkToAnotherFolder_IsRefusedAndWritesNothingThere()
    {
        var elsewhere = Directory.CreateDirectory(_folder.Combine("etc")).FullName;
        var state = Directory.CreateDirectory(_folder.Combine("state")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(state, "kimi-index"), elsewhere);

        var error = Assert.Throws<IOException>(() => _writer.WriteBelow(state, Path.Combine("kimi-index", "shard-04.bin"), Content));

        Assert.Equal($"{Path.Combine(state, "kimi-index")} is a symbolic link, not a folder: omk does not follow links in its own folders; remove it", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Equal(error.Message, PrivateFolder.FindProblemBelow(state, "kimi-index"));
    }

    [Fact]
    public void WriteBelow_AFolderOthersCanWriteOnTheWay_IsRefused()
    {
        var state = Directory.CreateDirectory(_folder.Combine("state")).FullName;
        var index = Directory.CreateDirectory(Path.Combine(state, "kimi-index")).FullName;
        File.SetUnixFileMode(index, (UnixFileMode)Convert.ToInt32("777", 8));

        var error = Assert.Throws<IOException>(() => _writer.WriteBelow(state, Path.Combine("kimi-index", "shard-04.bin"), Content));

        Assert.Equal($"{index} can be written by other users (mode 0777); run 'chmod go-w {index}'", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(index));
    }

    [Fact]
    public void WriteBelow_APathOutOfTheFolder_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _writer.WriteBelow(_folder.Path, Path.Combine("..", "x", "shard.bin"), Content));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void FindProblemBelow_MissingOrOwnFolder_FindsNothing()
    {
        var state = Directory.CreateDirectory(_folder.Combine("state")).FullName;

        Assert.Null(PrivateFolder.FindProblemBelow(state, "kimi-index"));
        _writer.WriteBelow(state, Path.Combine("kimi-index", "shard-00.bin"), Content);
        Assert.Null(PrivateFolder.FindProblemBelow(state, "kimi-index"));
    }

    [RootFact]
    public void WriteBelow_RootInAUsersFolder_GivesEveryNewFolderAndTheFileToTheUser()
    {
        var user = SecondUser.Get;
        var state = Directory.CreateDirectory(_folder.Combine("state")).FullName;
        Unix.Chown(state, user.Uid, user.Gid);

        _writer.WriteBelow(state, Path.Combine("kimi-index", "result", "result-00.bin"), Content);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(state, "kimi-index")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(state, "kimi-index", "result")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(state, "kimi-index", "result", "result-00.bin")));
    }

    [RootFact]
    public void WriteBelow_AFolderOfAnotherUserOnTheWay_IsRefused()
    {
        var user = SecondUser.Get;
        var state = Directory.CreateDirectory(_folder.Combine("state")).FullName;
        var index = Directory.CreateDirectory(Path.Combine(state, "kimi-index")).FullName;
        Unix.Chown(index, user.Uid, user.Gid);

        var error = Assert.Throws<IOException>(() => _writer.WriteBelow(state, Path.Combine("kimi-index", "shard-04.bin"), Content));

        Assert.Equal($"{index} belongs to user {user.Uid}, not to the owner of its folder (user 0): another user made it; remove it", error.Message);
    }
}
