using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>Only regular files are opened, judged on the opened handle; nothing waits on a named pipe.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegularFileTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task OpenRead_NamedPipe_RefusesAtOnceNamingIt()
    {
        var fifo = _folder.Combine("wire.jsonl");
        Unix.MakeFifo(fifo);

        var open = Task.Run(() => RegularFile.OpenRead(_fileSystem, fifo));
        var exception = await Assert.ThrowsAsync<NotARegularFileException>(() => open.WaitAsync(NoHang));

        Assert.Equal(FileKind.Fifo, exception.Kind);
        Assert.Equal($"{fifo} is a named pipe (FIFO), not a regular file", exception.Message);
    }

    [Fact]
    public async Task OpenRead_LinkToDevZero_RefusesTheCharacterDevice()
    {
        var link = _folder.Combine("costs.json");
        File.CreateSymbolicLink(link, Unix.CharacterDevice(_folder.Path));

        var open = Task.Run(() => RegularFile.OpenRead(_fileSystem, link));
        var exception = await Assert.ThrowsAsync<NotARegularFileException>(() => open.WaitAsync(NoHang));

        Assert.Equal(FileKind.CharacterDevice, exception.Kind);
        Assert.Equal(link, exception.FilePath);
    }

    [Fact]
    public void OpenRead_Folder_RefusesIt()
    {
        var exception = Assert.Throws<NotARegularFileException>(() => RegularFile.OpenRead(_fileSystem, _folder.Path));

        Assert.Equal(FileKind.Directory, exception.Kind);
        Assert.Contains("is a folder, not a regular file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_Socket_RefusesIt()
    {
        var path = _folder.Combine("s.sock");
        using var socket = Unix.BindSocket(path);

        var exception = Assert.Throws<NotARegularFileException>(() => RegularFile.OpenRead(_fileSystem, path));

        Assert.Equal(FileKind.Socket, exception.Kind);
    }

    [Fact]
    public void OpenRead_RegularFileThroughALink_ReadsItAndSharesItWithWriters()
    {
        var target = _folder.Combine("target.json");
        File.WriteAllText(target, "[1]");
        var link = _folder.Combine("costs.json");
        File.CreateSymbolicLink(link, target);

        using var stream = RegularFile.OpenRead(_fileSystem, link, bufferSize: 1, FileOptions.SequentialScan);
        File.AppendAllText(target, "\n");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        Assert.Equal("[1]\n", reader.ReadToEnd());
        Assert.Equal(4, stream.Length);
    }

    [Fact]
    public void OpenRead_MissingFile_ThrowsFileNotFound()
    {
        var missing = _folder.Combine("missing.json");

        var exception = Assert.Throws<FileNotFoundException>(() => RegularFile.OpenRead(_fileSystem, missing));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRead_BelowAFile_ThrowsDirectoryNotFound()
    {
        File.WriteAllText(_folder.Combine("file"), "x");

        Assert.Throws<DirectoryNotFoundException>(() => RegularFile.OpenRead(_fileSystem, _folder.Combine("file", "below")));
    }

    [Fact]
    public void OpenRead_FolderOnATestDouble_RefusesIt()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.Directory.CreateDirectory("/state/costs.json");

        var exception = Assert.Throws<NotARegularFileException>(() => RegularFile.OpenRead(fileSystem, "/state/costs.json"));

        Assert.Equal(FileKind.Directory, exception.Kind);
    }

    [Fact]
    public void OpenRead_FileOnATestDouble_ReadsIt()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/state/costs.json", new MockFileData("[]"));

        using var stream = RegularFile.OpenRead(fileSystem, "/state/costs.json");

        Assert.Equal(2, stream.Length);
    }

    [Theory]
    [InlineData(FileKind.BlockDevice, "a block device")]
    [InlineData(FileKind.SymbolicLink, "a symbolic link")]
    [InlineData(FileKind.RegularFile, "a regular file")]
    [InlineData(FileKind.Other, "a special file")]
    public void Describe_EveryKind_NamesIt(object kind, string words)
    {
        Assert.Equal(words, NotARegularFileException.Describe((FileKind)kind));
    }
}
