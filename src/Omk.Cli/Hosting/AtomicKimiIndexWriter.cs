using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi;
using Omk.Runtime.Atomic;

namespace Omk.Cli.Hosting;

/// <summary>
/// Writes the files of the Kimi index with <see cref="AtomicFileWriter"/>, not flushed to disk: a reader sees a whole
/// old file or a whole new one; after a crash a file may be torn, which its checksum tells, and it is rebuilt. The
/// index's folder is created like the state folder (<see cref="PrivateFolder"/>).
/// </summary>
internal sealed class AtomicKimiIndexWriter : IKimiIndexWriter
{
    private readonly IFileSystem _fileSystem;
    private readonly AtomicFileWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="AtomicKimiIndexWriter"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    public AtomicKimiIndexWriter(IFileSystem fileSystem)
    {
        _fileSystem = fileSystem;
        // The index checks its own files (a checksum over each), so a file a crash left torn is rebuilt: the flushes
        // to disk, milliseconds each, would only slow down the reading that writes it.
        _writer = new AtomicFileWriter(fileSystem, durable: false);
    }

    /// <inheritdoc/>
    public void Write(string path, ReadOnlyMemory<byte> content)
    {
        var directory = _fileSystem.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            PrivateFolder.Create(_fileSystem, directory);
        }

        // The command runs without a synchronization context: waiting here cannot deadlock.
        _writer.WriteAsync(path, content).GetAwaiter().GetResult();
    }
}
