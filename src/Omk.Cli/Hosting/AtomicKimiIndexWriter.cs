using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi;
using Omk.Runtime.Atomic;

namespace Omk.Cli.Hosting;

/// <summary>
/// Writes the files of the Kimi index with <see cref="AtomicFileWriter"/>: a reader sees a whole old file or a whole
/// new one, also after a crash. The index's folder is created like the state folder (<see cref="PrivateFolder"/>).
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
        _writer = new AtomicFileWriter(fileSystem);
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
