using System.IO.Abstractions;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// Writes the files of the Kimi index below the state folder with <see cref="AtomicFileWriter.WriteBelow"/>, not
/// flushed to disk: a reader sees a whole old file or a whole new one; after a crash a file may be torn, which its
/// checksum tells, and it is rebuilt. No link below the state folder is followed: the index's folders are the state
/// folder owner's, made for the owner alone, and a link or any other file at a file's name is replaced, never written
/// through; root's writes are given to the state folder's owner.
/// </summary>
internal sealed class AtomicKimiIndexWriter : IKimiIndexWriter
{
    private readonly IFileSystem _fileSystem;
    private readonly string _stateDirectory;
    private readonly AtomicFileWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="AtomicKimiIndexWriter"/> class.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="stateDirectory">The state folder, which every file of the index is below.</param>
    public AtomicKimiIndexWriter(IFileSystem fileSystem, string stateDirectory)
    {
        _fileSystem = fileSystem;
        _stateDirectory = fileSystem.Path.GetFullPath(stateDirectory);
        // The index checks its own files (a checksum over each), so a file a crash left torn is rebuilt: the flushes
        // to disk, milliseconds each, would only slow down the reading that writes it.
        _writer = new AtomicFileWriter(fileSystem, durable: false);
    }

    /// <inheritdoc/>
    public void Write(string path, ReadOnlyMemory<byte> content)
    {
        var relative = _fileSystem.Path.GetRelativePath(_stateDirectory, _fileSystem.Path.GetFullPath(path));
        if (_fileSystem.Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + _fileSystem.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new IOException($"{path} is not below the state folder {_stateDirectory}: the Kimi index writes only there");
        }

        _writer.WriteBelow(_stateDirectory, relative, content.Span);
    }
}
