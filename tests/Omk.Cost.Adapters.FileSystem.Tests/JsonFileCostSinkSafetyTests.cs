using System.IO.Abstractions;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Options;
using NSubstitute;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;
using Omk.Tests.Unix;

namespace Omk.Cost.Adapters.FileSystem.Tests;

/// <summary>
/// The store on the real disk cannot be turned against its user: links, named pipes, devices, shared folders, other
/// owners, text that could not be read back, files too large, a full disk.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class JsonFileCostSinkSafetyTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(15);
    private static readonly byte[] NotAHistory = Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n");
    private readonly TempFolder _folder = new();
    private readonly TempFolder _elsewhere = new();

    private string CostsPath => _folder.Combine("costs.json");

    public void Dispose()
    {
        _folder.Dispose();
        _elsewhere.Dispose();
    }

    // 1. A link to a file that is not a history.

    [Fact]
    public async Task ClearAsync_LinkToAFileThatIsNotAHistory_MovesTheLinkAsideAndLeavesTheTargetByteIdentical()
    {
        var target = _elsewhere.Combine("passwd");
        await File.WriteAllBytesAsync(target, NotAHistory);
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.CreateSymbolicLink(CostsPath, target);

        var outcome = await NewSink().ClearAsync(CancellationToken.None);

        Assert.Equal(NotAHistory, await File.ReadAllBytesAsync(target));
        var aside = Assert.IsType<string>(outcome.MovedAsideTo);
        Assert.Equal(target, new FileInfo(aside).LinkTarget);
        Assert.Null(new FileInfo(CostsPath).LinkTarget);
        Assert.Equal("[]\n", await File.ReadAllTextAsync(CostsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CostsPath));
    }

    [Fact]
    public async Task AppendAsync_LinkToAFileThatIsNotAHistory_RefusesAndLeavesTheTargetByteIdentical()
    {
        var target = _elsewhere.Combine("passwd");
        await File.WriteAllBytesAsync(target, NotAHistory);
        File.CreateSymbolicLink(CostsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.StartsWith($"{CostsPath} is not a readable cost history", exception.Message, StringComparison.Ordinal);
        Assert.Equal(NotAHistory, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task AppendAsync_LinkToAFileThatIsNotAHistory_LeavesFilesNamedLikeItsTempFilesAlone()
    {
        var target = _elsewhere.Combine("passwd");
        await File.WriteAllBytesAsync(target, NotAHistory);
        var lookalike = _elsewhere.Combine(".passwd.tmp.0123456789abcdef");
        await File.WriteAllTextAsync(lookalike, "not omk's");
        File.CreateSymbolicLink(CostsPath, target);

        await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal("not omk's", await File.ReadAllTextAsync(lookalike));
    }

    [Fact]
    public async Task AppendAsync_LinkToAnEmptyFile_RefusesToWriteThroughIt()
    {
        var target = _elsewhere.Combine("empty.conf");
        await File.WriteAllBytesAsync(target, []);
        File.CreateSymbolicLink(CostsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Contains($"it is a symbolic link to {target}, which holds no JSON array", exception.Message, StringComparison.Ordinal);
        Assert.Empty(await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task AppendAsync_LinkToAHistory_StillWritesThroughIt()
    {
        var target = _elsewhere.Combine("costs.json");
        await File.WriteAllTextAsync(target, "[]\n");
        File.CreateSymbolicLink(CostsPath, target);

        await NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Contains("\"refactor-auth\"", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(CostsPath).LinkTarget);
    }

    [Fact]
    public async Task AppendAsync_DanglingLink_RefusesNamingBothPathsAndCreatesNothing()
    {
        var target = _elsewhere.Combine("planted.json");
        File.CreateSymbolicLink(CostsPath, target);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal($"{CostsPath} is not a readable cost history: it is a symbolic link to {target}, which does not exist", exception.Message);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task ClearAsync_DanglingLink_MovesTheLinkAside()
    {
        File.CreateSymbolicLink(CostsPath, _elsewhere.Combine("planted.json"));

        var outcome = await NewSink().ClearAsync(CancellationToken.None);

        Assert.NotNull(new FileInfo(outcome.MovedAsideTo!).LinkTarget);
        Assert.Equal("[]\n", await File.ReadAllTextAsync(CostsPath));
        Assert.False(File.Exists(_elsewhere.Combine("planted.json")));
    }

    // 2. The lock file a dangling link.

    [Fact]
    public async Task AppendAsync_LockFileADanglingLink_FailsAtOnceNamingItAndCreatesNoTarget()
    {
        var target = _elsewhere.Combine("created-by-omk");
        File.CreateSymbolicLink(CostsPath + ".lock", target);

        var append = NewSink(TimeSpan.FromSeconds(30)).AppendAsync(TestSessions.Stored(), CancellationToken.None);
        var exception = await Assert.ThrowsAsync<CostStoreException>(() => append.WaitAsync(NoHang));

        Assert.Contains($"the lock file {CostsPath}.lock is a symbolic link", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(CostsPath));
    }

    // 3. Root recording into a user's folder.

    [RootFact]
    public async Task AppendAsync_RootRecordsIntoAUsersFolder_LeavesTheHistoryAndTheLockTheUsers()
    {
        var user = SecondUser.Get;
        await File.WriteAllTextAsync(CostsPath, "[]\n");
        File.SetUnixFileMode(CostsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Unix.Chown(CostsPath, user.Uid, user.Gid);
        Unix.Chown(_folder.Path, user.Uid, user.Gid);

        await NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(CostsPath));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(CostsPath + ".lock"));
        Assert.Contains("refactor-auth", await File.ReadAllTextAsync(CostsPath), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task AppendAsync_RootRecordsIntoAMissingStateFolderInAUsersHome_LeavesTheFolderAndItsFilesTheUsers()
    {
        var user = SecondUser.Get;
        var home = Directory.CreateDirectory(_folder.Combine("home")).FullName;
        Unix.Chown(home, user.Uid, user.Gid);
        var state = Path.Combine(home, ".local", "state", "omk");

        await NewSink(stateDirectory: state).AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(home, ".local")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(state));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(state, "costs.json")));
        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(Path.Combine(state, "costs.json.lock")));
    }

    // 4. Text that could not be read back.

    [Theory]
    [InlineData("name")]
    [InlineData("session_type")]
    public async Task AppendAsync_LoneSurrogate_RefusesNamingTheFieldAndWritesNothing(string field)
    {
        var session = field == "name" ? TestSessions.Stored(name: "a\ud800b") : TestSessions.Stored(sessionType: "a\ud800b");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => NewSink().AppendAsync(session, CancellationToken.None));

        Assert.StartsWith($"the session's {field} holds a lone surrogate (U+D800) at character 2", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CostsPath));
    }

    [Fact]
    public async Task UpsertAsync_LoneSurrogateInAnId_RefusesNamingTheField()
    {
        var session = TestSessions.Stored(id: "\udc00");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => NewSink().UpsertAsync([session], UpsertMode.Apply, CancellationToken.None));

        Assert.StartsWith("the session's id holds a lone surrogate (U+DC00) at character 1", exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnreadableText() => new()
    {
        { "invalid UTF-8 in the name", "\"name\": \"x\xff\xfe\"" },
        { "an escaped lone surrogate in the name", "\"name\": \"x\\ud800\"" },
        { "invalid UTF-8 in an unknown key", "\"name\": \"n\", \"extra\": [\"\xff\"]" },
        { "invalid UTF-8 in the id", "\"name\": \"n\", \"id\": \"\xc3\"" },
    };

    [Theory]
    [MemberData(nameof(UnreadableText))]
    public async Task ReadAllAsync_StoredTextNotUtf8_IsAFormatErrorWithFileLineAndColumn(string what, string nameAndMore)
    {
        await File.WriteAllBytesAsync(CostsPath, HistoryWith(nameAndMore));

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(async () =>
        {
            await foreach (var session in NewSink().ReadAllAsync(CancellationToken.None))
            {
            }
        });

        Assert.True(exception.Line == 3, what);
        Assert.NotNull(exception.Column);
        Assert.Contains("not valid UTF-8 text", exception.Message, StringComparison.Ordinal);
        Assert.StartsWith(CostsPath, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnreadableText))]
    public async Task ClearAsync_StoredTextNotUtf8_MovesTheFileAsideByteIdentical(string what, string nameAndMore)
    {
        var bytes = HistoryWith(nameAndMore);
        await File.WriteAllBytesAsync(CostsPath, bytes);

        var outcome = await NewSink().ClearAsync(CancellationToken.None);

        Assert.True(outcome.MovedAsideTo is not null, what);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(outcome.MovedAsideTo!));
    }

    [Fact]
    public async Task AppendAsync_StoredTextNotUtf8_RefusesAndLeavesTheFile()
    {
        var bytes = HistoryWith("\"name\": \"x\xff\"");
        await File.WriteAllBytesAsync(CostsPath, bytes);

        await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(CostsPath));
    }

    // 5. A named pipe or a device.

    [Fact]
    public async Task EveryOperation_HistoryIsANamedPipe_RefusesAtOnceNamingItAndReleasesTheLock()
    {
        Unix.MakeFifo(CostsPath);
        var sink = NewSink(TimeSpan.FromSeconds(30));
        var expected = $"{CostsPath} is a named pipe (FIFO), not a regular file: a cost history is kept only in a regular file; move it away and retry";

        var append = await Assert.ThrowsAsync<CostStoreException>(() => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None).WaitAsync(NoHang));
        var clear = await Assert.ThrowsAsync<CostStoreException>(() => sink.ClearAsync(CancellationToken.None).WaitAsync(NoHang));
        var read = await Assert.ThrowsAsync<CostStoreException>(() => Task.Run(async () =>
        {
            await foreach (var session in sink.ReadAllAsync(CancellationToken.None))
            {
            }
        }).WaitAsync(NoHang));

        Assert.Equal([expected, expected, expected], new[] { append.Message, clear.Message, read.Message });
        await using var free = await FileLock.AcquireAsync(new System.IO.Abstractions.FileSystem(), CostsPath + ".lock", TimeSpan.Zero, TimeProvider.System);
    }

    [Fact]
    public async Task AppendAsync_LinkToDevZero_RefusesAtOnceNamingBoth()
    {
        var device = Unix.CharacterDevice(_elsewhere.Path);
        File.CreateSymbolicLink(CostsPath, device);

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None).WaitAsync(NoHang));

        Assert.Equal($"{CostsPath} is not a readable cost history: it is a symbolic link to {device}, which is a character device, not a regular file", exception.Message);
    }

    [Fact]
    public async Task ClearAsync_LinkToDevZero_MovesTheLinkAside()
    {
        var device = Unix.CharacterDevice(_elsewhere.Path);
        File.CreateSymbolicLink(CostsPath, device);

        var outcome = await NewSink().ClearAsync(CancellationToken.None).WaitAsync(NoHang);

        Assert.Equal(device, new FileInfo(outcome.MovedAsideTo!).LinkTarget);
        Assert.Equal("[]\n", await File.ReadAllTextAsync(CostsPath));
    }

    // 6. A full disk after the file was moved aside.

    [Fact]
    public async Task ClearAsync_CorruptFileOnAFullDisk_SaysWhereTheFileWentAndThatNoNewHistoryWasCreated()
    {
        var bytes = Encoding.UTF8.GetBytes("[ not json");
        await File.WriteAllBytesAsync(CostsPath, bytes);
        var sink = NewSink(fileSystem: new FullDisk());

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => sink.ClearAsync(CancellationToken.None));

        var aside = Assert.Single(Directory.GetFiles(_folder.Path, "costs.json.corrupt-*"));
        Assert.Equal($"{CostsPath} was not a readable cost history: moved it to {aside}; could not create a new history: No space left on device", exception.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(aside));
        Assert.False(File.Exists(CostsPath));
    }

    [Fact]
    public async Task ClearAsync_CorruptFile_RenamesItInPlaceWithoutACopy()
    {
        await File.WriteAllTextAsync(CostsPath, "[ not json");
        var inode = Unix.InodeOf(CostsPath);

        var outcome = await NewSink().ClearAsync(CancellationToken.None);

        Assert.Equal(inode, Unix.InodeOf(outcome.MovedAsideTo!));
    }

    // 9. A folder where the history should be, a file where the folder should be, a store over 2 GiB.

    [Fact]
    public async Task ExistsAndClear_HistoryIsAFolder_ExistsAndIsRefusedNamingIt()
    {
        Directory.CreateDirectory(CostsPath);
        var sink = NewSink();

        Assert.True(await sink.ExistsAsync(CancellationToken.None));
        var exception = await Assert.ThrowsAsync<CostStoreException>(() => sink.ClearAsync(CancellationToken.None));

        Assert.Equal($"{CostsPath} is a folder, not a regular file: a cost history is kept only in a regular file; move it away and retry", exception.Message);
        Assert.True(Directory.Exists(CostsPath));
    }

    [Fact]
    public async Task AppendAsync_StateFolderIsAFile_SaysSoInOmksWords()
    {
        var file = _folder.Combine("state");
        await File.WriteAllTextAsync(file, "x");

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => NewSink(stateDirectory: file).AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Contains($"the state folder {file} is a regular file, not a folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_DryRunOnAStateFolderThatIsAFile_RefusesItToo()
    {
        var file = _folder.Combine("state");
        await File.WriteAllTextAsync(file, "x");

        var exception = await Assert.ThrowsAsync<CostStoreException>(
            () => NewSink(stateDirectory: file).UpsertAsync([TestSessions.Stored(id: "kimi:a")], UpsertMode.DryRun, CancellationToken.None));

        Assert.Equal($"the state folder {file} is a regular file, not a folder: point --state-dir or OMK_STATE_DIR at a folder", exception.Message);
    }

    [Fact]
    public async Task AppendAndClear_StoreOver2GiB_RefusedWithAMessage_ResetRenamesItAside()
    {
        await using (var stream = File.Create(CostsPath))
        {
            stream.Write("[\n"u8);
            stream.SetLength((long)int.MaxValue + 16);
        }

        var inode = Unix.InodeOf(CostsPath);
        var sink = NewSink();

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => sink.AppendAsync(TestSessions.Stored(), CancellationToken.None));
        var outcome = await sink.ClearAsync(CancellationToken.None);

        Assert.Contains("(2 GiB) a cost history can hold", exception.Message, StringComparison.Ordinal);
        Assert.Equal(inode, Unix.InodeOf(outcome.MovedAsideTo!));
        Assert.Equal("[]\n", await File.ReadAllTextAsync(CostsPath));
    }

    // The state folder's ownership and permissions (StrictModes).

    [Theory]
    [InlineData(0b111_111_111, "its group and others")]
    [InlineData(0b111_111_000, "its group")]
    [InlineData(0b111_000_111, "others")]
    public async Task AppendAsync_StateFolderWritableByOthers_RefusesSayingHowToFixIt(int mode, string who)
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)mode);

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None));

        Assert.Equal(
            $"the state folder {_folder.Path} can be written by {who} (mode {Convert.ToString(mode, 8).PadLeft(4, '0')}): another user could replace your cost history; run 'chmod go-w {_folder.Path}', or, if it must be shared, turn this check off with --insecure-state-dir (OmkCostOptions.InsecureStateDirectory)",
            exception.Message);
        Assert.False(File.Exists(CostsPath));
    }

    [Fact]
    public async Task ReadAllAsync_StateFolderWritableByOthers_RefusesToo()
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111);

        await Assert.ThrowsAsync<CostStoreException>(async () =>
        {
            await foreach (var session in NewSink().ReadAllAsync(CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public async Task AppendAsync_StateFolderWritableByOthersButInsecureAllowed_Records()
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111);

        await NewSink(insecure: true).AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.True(File.Exists(CostsPath));
    }

    [Fact]
    public async Task OutboxAddAndSend_StateFolderWritableByOthersButInsecureAllowed_KeepsAndSendsTheSession()
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111);
        var outbox = new JsonFileCostOutbox(
            new System.IO.Abstractions.FileSystem(),
            Options.Create(new OmkCostOptions { StateDirectory = _folder.Path, InsecureStateDirectory = true }),
            TimeProvider.System);
        var sent = new List<SessionCost>();

        await outbox.AddAsync(TestSessions.Stored(name: "offline", id: "r-offline"), CancellationToken.None);
        await outbox.SendAsync((batch, _) => { sent.AddRange(batch); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal("offline", Assert.Single(sent).Name);
    }

    [Fact]
    public async Task AppendAsync_StickyFolderOfTheUser_Records()
    {
        File.SetUnixFileMode(_folder.Path, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);

        await NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.True(File.Exists(CostsPath));
    }

    [Fact]
    public async Task AppendAsync_NewStateFolder_IsCreatedForTheOwnerAlone()
    {
        var state = _folder.Combine("new", "omk");
        Directory.CreateDirectory(_folder.Combine("new"));

        await NewSink(stateDirectory: state).AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
    }

    [RootFact]
    public async Task AppendAsync_RootAndAFolderOfAnotherUser_Records()
    {
        var user = SecondUser.Get;
        Unix.Chown(_folder.Path, user.Uid, user.Gid);

        await NewSink().AppendAsync(TestSessions.Stored(), CancellationToken.None);

        Assert.Equal((user.Uid, user.Gid), Unix.OwnerOf(CostsPath));
    }

    private static byte[] HistoryWith(string nameAndMore)
    {
        var text = "[\n  {\"session_type\": \"team\",\n   " + nameAndMore
            + ", \"started_at\": \"2026-11-21T08:00:00Z\", \"estimate\": {\"input_tokens\": 1, \"output_tokens\": 1, \"duration_secs\": 0, \"worker_count\": 1, \"estimated_usd\": 0.1, \"tier\": \"Standard\"}}\n]\n";
        return text.Select(c => (byte)c).ToArray();
    }

    private JsonFileCostSink NewSink(TimeSpan? lockTimeout = null, IFileSystem? fileSystem = null, string? stateDirectory = null, bool insecure = false) =>
        new(
            fileSystem ?? new System.IO.Abstractions.FileSystem(),
            Options.Create(new OmkCostOptions
            {
                StateDirectory = stateDirectory ?? _folder.Path,
                LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10),
                InsecureStateDirectory = insecure,
            }),
            TimeProvider.System);

    /// <summary>The real disk, on which no new file can be written: creating a temp file fails as on a full disk.</summary>
    private sealed class FullDisk : System.IO.Abstractions.FileSystem
    {
        public FullDisk()
        {
            var real = base.FileStream;
            var streams = Substitute.For<IFileStreamFactory>();
            streams.New(Arg.Any<string>(), Arg.Any<FileStreamOptions>()).Returns<FileSystemStream>(_ => throw new IOException("No space left on device", 28));
            streams.New(Arg.Any<Microsoft.Win32.SafeHandles.SafeFileHandle>(), Arg.Any<FileAccess>(), Arg.Any<int>())
                .Returns(call => real.New(call.ArgAt<Microsoft.Win32.SafeHandles.SafeFileHandle>(0), call.ArgAt<FileAccess>(1), call.ArgAt<int>(2)));
            FileStream = streams;
        }

        public override IFileStreamFactory FileStream { get; }
    }
}
