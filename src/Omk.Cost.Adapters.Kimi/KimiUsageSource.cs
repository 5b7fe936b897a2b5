using System.IO.Abstractions;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// The usage port over Kimi's logs: reads them with <see cref="KimiUsageReader"/>, through the incremental index only
/// when its folder is the state folder owner's own (<see cref="PrivateFolder.FindProblemBelow"/>): a <c>kimi-index</c>
/// that is a link, another user's or writable by others is neither read nor written, and the reading says so in its
/// first warning.
/// </summary>
/// <param name="fileSystem">The file system to read through.</param>
/// <param name="options">Where the logs are and how to price them.</param>
/// <param name="timeProvider">The clock, which tells the index how recent a file's last change is.</param>
internal sealed class KimiUsageSource(IFileSystem fileSystem, KimiUsageOptions options, TimeProvider timeProvider) : IUsageSource
{
    /// <inheritdoc/>
    /// <exception cref="Pricing.KimiPriceFileException">The price file is missing while required, unreadable or invalid.</exception>
    public UsageReading Read(CancellationToken cancellationToken)
    {
        if (options.IndexDirectory is { } index && Path.GetDirectoryName(Path.GetFullPath(index)) is { } state
            && PrivateFolder.FindProblemBelow(state, Path.GetFileName(index)) is { } problem)
        {
            var result = new KimiUsageReader(fileSystem, options.WithoutIndex(), timeProvider).Read(cancellationToken);
            return new KimiUsageResult(result.Sessions, [new UsageWarning(string.Empty, $"the Kimi index is not used, every log is read whole: {problem}"), .. result.Warnings], result.Prices);
        }

        return new KimiUsageReader(fileSystem, options, timeProvider).Read(cancellationToken);
    }
}
