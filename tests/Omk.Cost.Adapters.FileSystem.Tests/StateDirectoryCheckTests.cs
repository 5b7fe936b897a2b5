using System.IO.Abstractions.TestingHelpers;
using System.Runtime.Versioning;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests;

/// <summary>The state folder's check, on the real disk: a file system that is not the real disk is never looked at.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StateDirectoryCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Ensure_FileSystemThatIsNotTheRealDisk_DoesNotLookAtTheRealDisk()
    {
        var file = _folder.Combine("state");
        File.WriteAllText(file, "x");

        var error = Record.Exception(() => StateDirectoryCheck.Ensure(new MockFileSystem(), file, insecure: false));

        Assert.Null(error);
    }

    [Fact]
    public void Ensure_RegularFile_RefusesItSayingWhatToDo()
    {
        var file = _folder.Combine("state");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<CostStoreException>(() => StateDirectoryCheck.Ensure(new System.IO.Abstractions.FileSystem(), file, insecure: true));

        Assert.Equal($"the state folder {file} is a regular file, not a folder: point --state-dir or OMK_STATE_DIR at a folder", error.Message);
    }

    [Fact]
    public void Ensure_LinkToAFolderOfTheUser_FollowsItAndAcceptsIt()
    {
        var target = _folder.Folder("real-state");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var link = _folder.Combine("state");
        Directory.CreateSymbolicLink(link, target);

        var error = Record.Exception(() => StateDirectoryCheck.Ensure(new System.IO.Abstractions.FileSystem(), link, insecure: false));

        Assert.Null(error);
    }

    [Fact]
    public void Ensure_LinkToAFolderWritableByOthers_ChecksTheFolder()
    {
        var target = _folder.Folder("real-state");
        File.SetUnixFileMode(target, (UnixFileMode)0b111_111_111);
        var link = _folder.Combine("state");
        Directory.CreateSymbolicLink(link, target);

        var error = Assert.Throws<CostStoreException>(() => StateDirectoryCheck.Ensure(new System.IO.Abstractions.FileSystem(), link, insecure: false));

        Assert.StartsWith($"the state folder {link} can be written by its group and others (mode 0777)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_NoFolderYet_AcceptsIt()
    {
        var error = Record.Exception(() => StateDirectoryCheck.Ensure(new System.IO.Abstractions.FileSystem(), _folder.Combine("not", "yet"), insecure: false));

        Assert.Null(error);
    }
}
