using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi;
using Omk.Runtime.Atomic;

namespace Omk.Cli.Hosting;

/// <summary>
/// Writes the files of the Kimi index with <see cref="AtomicFileWriter"/>: a reader sees a whole old file or a whole
/// new one, also after a crash. The index's folder is created readable by the owner alone, like the state folder.
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
        if (!string.IsNullOrEmpty(directory) && !_fileSystem.Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                _fileSystem.Directory.CreateDirectory(directory);
            }
            else
            {
                _fileSystem.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // The command runs without a synchronization context: waiting here cannot deadlock.
        _writer.WriteAsync(path, content).GetAwaiter().GetResult();
    }
}
