using System.IO.Abstractions;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// The paths a reading consulted (files read, folders listed, files looked for and not found), each with the stamp
/// it had just before it was consulted, or none when it did not exist: while every one of them still has that stamp,
/// the reading would find the same, and its result can be reused.
/// </summary>
internal sealed class ReadTrace
{
    private readonly IFileSystem _fileSystem;
    private readonly List<(string Path, FileStamp? Stamp)> _paths = [];

    /// <summary>Initializes a new instance of the <see cref="ReadTrace"/> class.</summary>
    /// <param name="fileSystem">The file system, whose stamps must be exact (see <see cref="FileStamps.Exact"/>).</param>
    public ReadTrace(IFileSystem fileSystem)
    {
        _fileSystem = fileSystem;
    }

    /// <summary>Gets the paths consulted, in order, with their stamps.</summary>
    public IReadOnlyList<(string Path, FileStamp? Stamp)> Paths => _paths;

    /// <summary>Stamps a path before it is read, listed or looked for.</summary>
    /// <param name="path">The file or folder.</param>
    public void Add(string path) => _paths.Add((path, FileStamps.Of(_fileSystem, path)));
}
