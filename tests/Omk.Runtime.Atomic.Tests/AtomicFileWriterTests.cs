using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Runtime.Versioning;
using System.Text;

namespace Omk.Runtime.Atomic.Tests;

public sealed class AtomicFileWriterTests : IDisposable
{
    private const string FileName = "costs.json";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly byte[] OldContent = Encoding.UTF8.GetBytes("[\n  {\"name\": \"old\"}\n]\n");
    private static readonly byte[] NewContent = Encoding.UTF8.GetBytes("[\n  {\"name\": \"old\"},\n  {\"name\": \"new\"}\n]\n");

    private readonly TempFolder _folder = new();
    private readonly AtomicFileWriter _writer = new(new FileSystem());

    private string Target => _folder.Combine(FileName);

    public void Dispose() => _folder.Dispose();

    public static TheoryData<WriteStep> Steps() => new(Enum.GetValues<WriteStep>());

    // Construction.

    [Fact]
    public void Constructor_NullFileSystem_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new AtomicFileWriter(null!));
    }

    // Writing, on the real disk.

    [Fact]
    public async Task WriteAsync_NewFile_CreatesItWithTheContent()
    {
        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(NewContent, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItsContent()
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(NewContent, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task WriteAsync_NotDurable_ReplacesTheContentWithoutFlushingTheFolder()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        var calls = new RecordingDirectoryCalls();
        var durable = new RecordingDirectoryCalls();

        await new AtomicFileWriter(new FileSystem(), calls, durable: false).WriteAsync(Target, NewContent);
        await new AtomicFileWriter(new FileSystem(), durable).WriteAsync(_folder.Combine("other.json"), NewContent);

        Assert.Equal(NewContent, await File.ReadAllBytesAsync(Target));
        Assert.Empty(calls.Calls);
        Assert.NotEmpty(durable.Calls);
        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    [Fact]
    public async Task WriteAsync_StreamCallback_StoresEverythingTheCallbackWrote()
    {
        var chunk = Filled(100_000, (byte)'x');
        byte[] expected = [.. chunk, .. NewContent];
        await File.WriteAllBytesAsync(Target, OldContent);

        await _writer.WriteAsync(Target, async (stream, token) =>
        {
            await stream.WriteAsync(chunk, token);
            await stream.WriteAsync(NewContent, token);
        });

        Assert.Equal(expected, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task WriteAsync_NewFile_IsReadableByTheOwnerOnly()
    {
        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Target));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task WriteAsync_ExistingFileReadableByAll_IsReadableByTheOwnerOnlyAfterwards()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        File.SetUnixFileMode(Target, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Target));
    }

    [Fact]
    public async Task WriteAsync_Succeeds_LeavesNoTempFile()
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await _writer.WriteAsync(Target, NewContent);

        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    [Fact]
    public async Task WriteAsync_MissingFolder_ThrowsAndCreatesNothing()
    {
        var target = _folder.Combine("missing", FileName);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _writer.WriteAsync(target, NewContent));

        Assert.False(Directory.Exists(_folder.Combine("missing")));
    }

    [Fact]
    public async Task WriteAsync_WhileAReaderReadsInALoop_ReaderSeesOnlyWholeContents()
    {
        var small = Filled(300_000, (byte)'a');
        var large = Filled(700_000, (byte)'b');
        await _writer.WriteAsync(Target, small);
        var writerDone = 0;
        var reader = Task.Run(() =>
        {
            var torn = 0;
            var reads = 0;
            while (Volatile.Read(ref writerDone) == 0 || reads == 0)
            {
                var seen = File.ReadAllBytes(Target);
                reads++;
                if (!seen.AsSpan().SequenceEqual(small) && !seen.AsSpan().SequenceEqual(large))
                {
                    torn++;
                }
            }

            return torn;
        });

        for (var i = 0; i < 40; i++)
        {
            await _writer.WriteAsync(Target, i % 2 == 0 ? large : small);
        }

        Volatile.Write(ref writerDone, 1);
        Assert.Equal(0, await reader);
    }

    [Fact]
    public async Task WriteAsync_OnMockFileSystem_StoresTheContent()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.Directory.CreateDirectory("/state");
        var writer = new AtomicFileWriter(fileSystem);

        await writer.WriteAsync("/state/costs.json", NewContent);

        Assert.Equal(NewContent, fileSystem.File.ReadAllBytes("/state/costs.json"));
    }

    // Fault injection: each step fails in turn (npm write-file-atomic's test suite).

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task WriteAsync_StepFails_PropagatesTheFault(WriteStep step)
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        var fileSystem = new StepFaultFileSystem(step);

        var error = await Record.ExceptionAsync(() => new AtomicFileWriter(fileSystem).WriteAsync(Target, NewContent));

        Assert.Same(fileSystem.Fault, error);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task WriteAsync_StepFails_LeavesTargetByteIdentical(WriteStep step)
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await Assert.ThrowsAsync<IOException>(() => new AtomicFileWriter(new StepFaultFileSystem(step)).WriteAsync(Target, NewContent));

        Assert.Equal(OldContent, await File.ReadAllBytesAsync(Target));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task WriteAsync_StepFails_LeavesNoTempFile(WriteStep step)
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await Assert.ThrowsAsync<IOException>(() => new AtomicFileWriter(new StepFaultFileSystem(step)).WriteAsync(Target, NewContent));

        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task WriteAsync_StepFailsOnNewFile_CreatesNoTarget(WriteStep step)
    {
        await Assert.ThrowsAsync<IOException>(() => new AtomicFileWriter(new StepFaultFileSystem(step)).WriteAsync(Target, NewContent));

        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task WriteAsync_FlushToDiskFails_NeverRenames()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        var fileSystem = new StepFaultFileSystem(WriteStep.FlushToDisk);

        await Assert.ThrowsAsync<IOException>(() => new AtomicFileWriter(fileSystem).WriteAsync(Target, NewContent));

        Assert.Equal(0, fileSystem.RenameAttempts);
    }

    // Cancellation.

    [Fact]
    public async Task WriteAsync_TokenAlreadyCancelled_ThrowsAndLeavesTargetUnchanged()
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _writer.WriteAsync(Target, NewContent, new CancellationToken(canceled: true)));

        Assert.Equal(OldContent, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task WriteAsync_TokenAlreadyCancelled_LeavesNoTempFile()
    {
        await File.WriteAllBytesAsync(Target, OldContent);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _writer.WriteAsync(Target, NewContent, new CancellationToken(canceled: true)));

        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileWriting_ThrowsAndLeavesTargetUnchanged()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        using var source = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _writer.WriteAsync(Target, CancelHalfway(source), source.Token));

        Assert.Equal(OldContent, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task WriteAsync_CancelledWhileWriting_LeavesNoTempFile()
    {
        await File.WriteAllBytesAsync(Target, OldContent);
        using var source = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _writer.WriteAsync(Target, CancelHalfway(source), source.Token));

        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    // Orphaned temp files.

    [Fact]
    public void RemoveOrphanedTempFiles_WithOrphans_RemovesThem()
    {
        CreateFiles(".costs.json.tmp.0123456789abcdef", ".costs.json.tmp.x");

        _writer.RemoveOrphanedTempFiles(Target);

        Assert.Empty(_folder.TempFilesOf(FileName));
    }

    [Fact]
    public void RemoveOrphanedTempFiles_WithOrphans_ReturnsHowManyItRemoved()
    {
        CreateFiles(".costs.json.tmp.0123456789abcdef", ".costs.json.tmp.x", "costs.json");

        var removed = _writer.RemoveOrphanedTempFiles(Target);

        Assert.Equal(2, removed);
    }

    [Fact]
    public void RemoveOrphanedTempFiles_OtherFilesInTheFolder_KeepsThem()
    {
        string[] others = ["costs.json", "costs.json.lock", ".other.json.tmp.x", "costs.json.tmp.x", ".costs.json.corrupt-20261120T091502Z"];
        CreateFiles([.. others, ".costs.json.tmp.x"]);

        _writer.RemoveOrphanedTempFiles(Target);

        Assert.Equal(others.Order(StringComparer.Ordinal), Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RemoveOrphanedTempFiles_TempFileInASubfolder_KeepsIt()
    {
        Directory.CreateDirectory(_folder.Combine("nested"));
        CreateFiles(Path.Combine("nested", ".costs.json.tmp.x"));

        _writer.RemoveOrphanedTempFiles(Target);

        Assert.True(File.Exists(_folder.Combine("nested", ".costs.json.tmp.x")));
    }

    [Fact]
    public void RemoveOrphanedTempFiles_MissingFolder_ReturnsZero()
    {
        var removed = _writer.RemoveOrphanedTempFiles(_folder.Combine("missing", FileName));

        Assert.Equal(0, removed);
    }

    [Fact]
    public void RemoveOrphanedTempFiles_ThroughSymlink_RemovesTheTargetsOrphansInItsFolder()
    {
        LinkTargetToExistingFile("data", "real.json");
        CreateFiles(Path.Combine("data", ".real.json.tmp.x"));

        _writer.RemoveOrphanedTempFiles(Target);

        Assert.Empty(_folder.TempFilesOf("real.json", _folder.Combine("data")));
    }

    // Symbolic links.

    [Fact]
    public void ResolveTarget_PlainFile_ReturnsItsFullPath()
    {
        File.WriteAllBytes(Target, OldContent);

        var resolved = _writer.ResolveTarget(Path.Combine(_folder.Path, ".", FileName));

        Assert.Equal(Target, resolved);
    }

    [Fact]
    public void ResolveTarget_MissingFile_ReturnsItsFullPath()
    {
        var resolved = _writer.ResolveTarget(Target);

        Assert.Equal(Target, resolved);
    }

    [Fact]
    public void ResolveTarget_ChainOfSymlinks_ReturnsTheFinalTarget()
    {
        var real = _folder.Combine("real.json");
        File.WriteAllBytes(real, OldContent);
        File.CreateSymbolicLink(_folder.Combine("middle.json"), real);
        File.CreateSymbolicLink(Target, _folder.Combine("middle.json"));

        var resolved = _writer.ResolveTarget(Target);

        Assert.Equal(real, resolved);
    }

    [Fact]
    public void ResolveTarget_RelativeSymlink_ReturnsTheTargetBesideTheLink()
    {
        Directory.CreateDirectory(_folder.Combine("data"));
        File.WriteAllBytes(_folder.Combine("data", "real.json"), OldContent);
        File.CreateSymbolicLink(Target, Path.Combine("data", "real.json"));

        var resolved = _writer.ResolveTarget(Target);

        Assert.Equal(_folder.Combine("data", "real.json"), resolved);
    }

    [Fact]
    public async Task WriteAsync_ThroughSymlink_ReplacesTheFinalTargetsContent()
    {
        var real = LinkTargetToExistingFile("real.json");

        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(NewContent, await File.ReadAllBytesAsync(real));
    }

    [Fact]
    public async Task WriteAsync_ThroughSymlink_KeepsTheLinkALink()
    {
        var real = LinkTargetToExistingFile("real.json");

        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(real, new FileInfo(Target).LinkTarget);
    }

    [Fact]
    public async Task WriteAsync_ThroughDanglingSymlink_CreatesTheFinalTarget()
    {
        var real = _folder.Combine("real.json");
        File.CreateSymbolicLink(Target, real);

        await _writer.WriteAsync(Target, NewContent);

        Assert.Equal(NewContent, await File.ReadAllBytesAsync(real));
    }

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, value);
        return bytes;
    }

    private static Func<Stream, CancellationToken, Task> CancelHalfway(CancellationTokenSource source) =>
        async (stream, token) =>
        {
            await stream.WriteAsync(NewContent.AsMemory(0, NewContent.Length / 2), token);
            await source.CancelAsync();
        };

    // Creates a file holding the old content (and its folders) and makes the target a symbolic link to it.
    private string LinkTargetToExistingFile(params string[] parts)
    {
        var real = _folder.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllBytes(real, OldContent);
        File.CreateSymbolicLink(Target, real);
        return real;
    }

    private void CreateFiles(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllBytes(_folder.Combine(name), OldContent);
        }
    }
}
