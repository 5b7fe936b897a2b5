using System.IO.Abstractions;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>Reads every log file whole, from its first byte: a reading without the incremental index.</summary>
/// <param name="fileSystem">The file system.</param>
internal sealed class WholeWireFiles(IFileSystem fileSystem) : IWireFileSource
{
    /// <inheritdoc/>
    public WireFileRead Read(string path, WireFormat format, string agent, ICollection<UsageWarning> warnings, CancellationToken cancellationToken) =>
        WireFileReader.Read(fileSystem, path, format, agent, warnings, cancellationToken);
}
