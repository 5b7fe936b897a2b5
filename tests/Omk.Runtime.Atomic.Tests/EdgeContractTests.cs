using System.IO.Abstractions;
using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// The small promises of the regular-file reader, the status calls, the folder flush and the exceptions: arguments,
/// messages, and errors that are not "nothing there".
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EdgeContractTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OpenRead_NullOrEmptyArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => RegularFile.OpenRead(null!, "costs.json"));
        Assert.Throws<ArgumentException>(() => RegularFile.OpenRead(_fileSystem, string.Empty));
        Assert.Throws<ArgumentException>(() => UnixFile.GetStatus(string.Empty, followLinks: true));
    }

    [Fact]
    public void OpenRead_PathUnderARegularFile_IsAMissingFolderNamingThePath()
    {
        var file = _folder.Combine("file");
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "costs.json");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => RegularFile.OpenRead(_fileSystem, path));

        Assert.Equal($"Could not find a part of the path '{path}'.", exception.Message);
    }

    [Fact]
    public void OpenRead_LinkToASocket_NamesTheSocketNotTheLink()
    {
        var socketPath = _folder.Combine("s.sock");
        using var socket = Unix.BindSocket(socketPath);
        var link = _folder.Combine("costs.json");
        File.CreateSymbolicLink(link, socketPath);

        var exception = Assert.Throws<NotARegularFileException>(() => RegularFile.OpenRead(_fileSystem, link));

        Assert.Equal(FileKind.Socket, exception.Kind);
    }

    [Fact]
    public void OpenRead_PortablePathWhileAnotherReaderAndAWriterHoldTheFile_StillReads()
    {
        var path = _folder.Combine("costs.json");
        File.WriteAllText(path, "[1]");
        var fileSystem = ForwardingFileSystem.Create();
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        using var first = RegularFile.OpenRead(fileSystem, path);

        using var second = RegularFile.OpenRead(fileSystem, path);

        Assert.Equal((byte)'[', second.ReadByte());
    }

    [Fact]
    public void GetStatus_LinkLoop_IsAnErrorNotNothing()
    {
        var loop = _folder.Combine("loop");
        File.CreateSymbolicLink(loop, loop);

        Assert.ThrowsAny<IOException>(() => UnixFile.GetStatus(loop, followLinks: true));
    }

    [Fact]
    public void ReadAllBytes_RegularFile_ReadsItAll()
    {
        var path = _folder.Combine("prices.json");
        File.WriteAllText(path, "{\"prices\":[]}");

        Assert.Equal("{\"prices\":[]}"u8.ToArray(), RegularFile.ReadAllBytes(_fileSystem, path));
        Assert.Equal("{\"prices\":[]}", RegularFile.ReadAllText(_fileSystem, path));
    }

    [Fact]
    public void ReadAllBytesAndText_NamedPipe_RefusedAtOnce()
    {
        var fifo = _folder.Combine("prices.json");
        Unix.MakeFifo(fifo);

        Assert.Equal(FileKind.Fifo, Assert.Throws<NotARegularFileException>(() => RegularFile.ReadAllBytes(_fileSystem, fifo)).Kind);
        Assert.Equal(FileKind.Fifo, Assert.Throws<NotARegularFileException>(() => RegularFile.ReadAllText(_fileSystem, fifo)).Kind);
    }

    [Fact]
    public void Flush_DescriptorZero_IsAValidDescriptorToSync()
    {
        var calls = new RecordingDirectoryCalls(openResult: 0, fsyncResult: 0);

        Assert.True(DirectorySync.Flush(_folder.Path, calls));
        Assert.Equal([$"open {_folder.Path} -> fd", "fsync fd", "close fd"], calls.Calls);
    }

    [Fact]
    public void Open_ARegularFileAsAFolder_Fails()
    {
        var file = _folder.Combine("file");
        File.WriteAllText(file, "x");

        var descriptor = LibcDirectoryCalls.Instance.Open(file);

        Assert.True(descriptor < 0, $"open gave descriptor {descriptor}");
    }

    [Theory]
    [InlineData(FileKind.RegularFile, "a regular file")]
    [InlineData(FileKind.Directory, "a folder")]
    [InlineData(FileKind.SymbolicLink, "a symbolic link")]
    [InlineData(FileKind.Fifo, "a named pipe (FIFO)")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    [InlineData(FileKind.BlockDevice, "a block device")]
    [InlineData(FileKind.Socket, "a socket")]
    [InlineData(FileKind.Other, "a special file")]
    public void Describe_EveryKind_NamesItWithItsArticle(object fileKind, string words)
    {
        // The kind is an object because the type is internal and a test method is public.
        var kind = (FileKind)fileKind;
        Assert.Equal(words, NotARegularFileException.Describe(kind));
        Assert.Equal($"/state/costs.json is {words}, not a regular file", new NotARegularFileException("/state/costs.json", kind).Message);
    }

    [Fact]
    public void Exceptions_StandardConstructors_KeepTheMessageAndNameNoPath()
    {
        var inner = new IOException("cause");

        Assert.Equal(string.Empty, new NotARegularFileException().FilePath);
        Assert.Equal(string.Empty, new NotARegularFileException("m").FilePath);
        Assert.Same(inner, new NotARegularFileException("m", inner).InnerException);
        Assert.Equal(string.Empty, new NotARegularFileException("m", inner).FilePath);
        Assert.Equal(string.Empty, new FileLockTimeoutException().LockPath);
        Assert.Equal(string.Empty, new FileLockTimeoutException("m").LockPath);
        Assert.Equal(string.Empty, new FileLockTimeoutException("m", inner).LockPath);
        Assert.Same(inner, new FileLockTimeoutException("m", inner).InnerException);
    }

    [Fact]
    public void ReadAllBytes_FileLargerThanAnArrayCanHold_IsRefusedWithoutReadingIt()
    {
        var path = _folder.Combine("huge.bin");
        using (var sparse = File.Create(path))
        {
            sparse.SetLength((long)Array.MaxLength + 1);
        }

        var exception = Assert.Throws<IOException>(() => RegularFile.ReadAllBytes(_fileSystem, path));

        Assert.Equal($"{path} holds {(long)Array.MaxLength + 1} bytes, more than can be read at once", exception.Message);
    }

    [Fact]
    public void ReadAllText_Utf16WithAByteOrderMark_IsDecodedByIt()
    {
        var path = _folder.Combine("config.toml");
        File.WriteAllText(path, "model = \"kimi-k2.6\"", new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        Assert.Equal("model = \"kimi-k2.6\"", RegularFile.ReadAllText(_fileSystem, path));
    }

    [Fact]
    public void OpenHandle_RegularFileAndNamedPipe_ReadsOneAndRefusesTheOtherAtOnce()
    {
        var path = _folder.Combine("tree.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        var fifo = _folder.Combine("fifo.bin");
        Unix.MakeFifo(fifo);

        using (var handle = RegularFile.OpenHandle(path))
        {
            Assert.Equal(3, RandomAccess.GetLength(handle));
        }

        Assert.Equal(FileKind.Fifo, Assert.Throws<NotARegularFileException>(() => RegularFile.OpenHandle(fifo)).Kind);
        Assert.Throws<ArgumentException>(() => RegularFile.OpenHandle(string.Empty));
    }
}
