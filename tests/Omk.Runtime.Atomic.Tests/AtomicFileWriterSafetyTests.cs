using System.IO.Abstractions;
using System.Text;
using System.Text.RegularExpressions;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// What a reader cannot see of a write but a crash or an attacker would: the folder flush and its handle, the moment of
/// cancellation, the temp file's name, and the owner of the new content.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class AtomicFileWriterSafetyTests : IDisposable
{
    private static readonly byte[] OldContent = Encoding.UTF8.GetBytes("[\n  {\"name\": \"old\"}\n]\n");
    private static readonly byte[] NewContent = Encoding.UTF8.GetBytes("[]\n");
    private readonly TempFolder _folder = new();

    private string Target => _folder.Combine("costs.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task WriteAsync_OnTheRealDisk_FlushesTheFolderOnceAndClosesItsHandle()
    {
        var calls = new RecordingDirectoryCalls();
        var writer = new AtomicFileWriter(new FileSystem(), calls);

        await writer.WriteAsync(Target, NewContent);

        Assert.Equal([$"open {_folder.Path} -> fd", "fsync fd", "close fd"], calls.Calls);
        Assert.Equal(NewContent, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task WriteAsync_TargetBehindALink_FlushesTheTargetsFolder()
    {
        var elsewhere = Directory.CreateDirectory(_folder.Combine("elsewhere")).FullName;
        var real = Path.Combine(elsewhere, "costs.json");
        await File.WriteAllBytesAsync(real, OldContent);
        File.CreateSymbolicLink(Target, real);
        var calls = new RecordingDirectoryCalls();

        await new AtomicFileWriter(new FileSystem(), calls).WriteAsync(Target, NewContent);

        Assert.Equal($"open {elsewhere} -> fd", calls.Calls[0]);
    }

    [Fact]
    public void Flush_FsyncFails_StillClosesTheHandleAndReportsFalse()
    {
        var calls = new RecordingDirectoryCalls(openResult: 42, fsyncResult: -1);

        var flushed = DirectorySync.Flush(_folder.Path, calls);

        Assert.False(flushed);
        Assert.Equal([$"open {_folder.Path} -> fd", "fsync fd", "close fd"], calls.Calls);
    }

    [Fact]
    public void Flush_OpenFails_NeitherSyncsNorCloses()
    {
        var calls = new RecordingDirectoryCalls(openResult: -1);

        var flushed = DirectorySync.Flush(_folder.Path, calls);

        Assert.False(flushed);
        Assert.Equal([$"open {_folder.Path} -> failed"], calls.Calls);
    }

    [Fact]
    public void Flush_FsyncSucceeds_ReportsTrue()
    {
        var calls = new RecordingDirectoryCalls(openResult: 7, fsyncResult: 0);

        Assert.True(DirectorySync.Flush(_folder.Path, calls));
    }

    [Fact]
    public async Task WriteAsync_CancelledBetweenTheFlushToDiskAndTheRename_KeepsTheTargetAndRemovesTheTempFile()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        using var cancellation = new CancellationTokenSource();
        var fileSystem = new StepFaultFileSystem(failingStep: null)
        {
            Reached = step =>
            {
                if (step == WriteStep.FlushToDisk)
                {
                    cancellation.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new AtomicFileWriter(fileSystem).WriteAsync(Target, NewContent, cancellation.Token));

        Assert.Equal(0, fileSystem.RenameAttempts);
        Assert.Equal(OldContent, await File.ReadAllBytesAsync(Target));
        Assert.Empty(_folder.TempFilesOf("costs.json"));
    }

    [Fact]
    public async Task WriteAsync_TempFile_IsNamedDotTargetDotTmpDotSixteenHexDigitsInTheTargetsFolder()
    {
        string[] during = [];
        var fileSystem = new StepFaultFileSystem(failingStep: null)
        {
            Reached = step =>
            {
                if (step == WriteStep.Rename)
                {
                    during = Directory.GetFiles(_folder.Path).Select(Path.GetFileName).ToArray()!;
                }
            },
        };

        await new AtomicFileWriter(fileSystem).WriteAsync(Target, NewContent);

        var temp = Assert.Single(during);
        Assert.Matches(TempName(), temp);
        Assert.Equal(".costs.json.tmp.*", AtomicFileWriter.TempFilePattern("costs.json"));
    }

    [Fact]
    public async Task WriteAsync_TwoWrites_UseTwoDifferentTempNames()
    {
        var names = new List<string>();
        var fileSystem = new StepFaultFileSystem(failingStep: null)
        {
            Reached = step =>
            {
                if (step == WriteStep.Rename)
                {
                    names.AddRange(Directory.GetFiles(_folder.Path, ".costs.json.tmp.*"));
                }
            },
        };
        var writer = new AtomicFileWriter(fileSystem);

        await writer.WriteAsync(Target, NewContent);
        await writer.WriteAsync(Target, OldContent);

        Assert.Equal(2, names.Distinct().Count());
    }

    [RootFact]
    public async Task WriteAsync_RootRewritesAUsersFile_KeepsItsOwnerAndGroup()
    {
        var user = SecondUser.Get;
        await File.WriteAllBytesAsync(Target, OldContent);
        Unix.Chown(Target, user.Uid, user.Gid);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Target, NewContent);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Target));
    }

    [RootFact]
    public async Task WriteAsync_RootCreatesAFileInAUsersFolder_GivesItToThatUser()
    {
        var user = SecondUser.Get;
        Unix.Chown(_folder.Path, user.Uid, user.Gid);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Target, NewContent);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Target));
    }

    [Fact]
    public async Task WriteAsync_OwnFileInOwnFolder_StaysTheUsers()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        var before = Unix.OwnerOf(Target);

        await new AtomicFileWriter(new FileSystem()).WriteAsync(Target, NewContent);

        Assert.Equal(before, Unix.OwnerOf(Target));
    }

    [GeneratedRegex(@"^\.costs\.json\.tmp\.[0-9a-f]{16}$")]
    private static partial Regex TempName();
}
