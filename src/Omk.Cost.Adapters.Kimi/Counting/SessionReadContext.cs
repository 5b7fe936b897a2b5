using System.IO.Abstractions;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// The reading of one session folder (<see cref="KimiSessionReader.Read"/>): where its files come from and what to read,
/// and what the reading gives besides the session: the state of every log read (for the index), the warnings, and the
/// stamps of the paths consulted (for the stored result). One context a session, so that sessions read in parallel
/// share nothing.
/// </summary>
/// <param name="fileSystem">The file system.</param>
/// <param name="files">The source of the session's log files: whole, or through the index.</param>
internal sealed class SessionReadContext(IFileSystem fileSystem, IWireFileSource files)
{
    /// <summary>Gets the file system.</summary>
    public IFileSystem FileSystem { get; } = fileSystem;

    /// <summary>Gets the source of the session's log files.</summary>
    public IWireFileSource Files { get; } = files;

    /// <summary>Gets a value indicating whether the session's title is read.</summary>
    public bool IncludeTitles { get; init; }

    /// <summary>Gets the trace that receives the stamp of every path consulted, before it is, or null.</summary>
    public ReadTrace? Trace { get; init; }

    /// <summary>Gets the state of every log read, for the index.</summary>
    public List<WireFileState> FilesRead { get; } = [];

    /// <summary>Gets the warnings of the reading.</summary>
    public List<UsageWarning> Warnings { get; } = [];
}
