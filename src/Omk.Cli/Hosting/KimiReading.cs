using Omk.Cli.Output;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cli.Hosting;

/// <summary>
/// Reads Kimi's logs for a command: from <c>$KIMI_SHARE_DIR</c> (else <c>~/.kimi</c>) and <c>~/.kimi-code</c>,
/// priced with the state folder's <c>prices.json</c> or the given price file, through the incremental index in the
/// state folder unless told not to.
/// </summary>
internal static class KimiReading
{
    /// <summary>The folder of the incremental Kimi index, in the state folder.</summary>
    public const string IndexFolder = "kimi-index";

    /// <summary>Builds the options of a read.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The state folder.</param>
    /// <param name="model">The <c>--model</c> value, or null.</param>
    /// <param name="pricesFile">The <c>--prices</c> value, or null for the state folder's <c>prices.json</c> when it exists.</param>
    /// <param name="useIndex">Whether to go through the incremental index.</param>
    /// <returns>The options.</returns>
    public static KimiUsageOptions Options(CliEnvironment environment, string stateDirectory, string? model, string? pricesFile, bool useIndex)
    {
        var options = KimiUsageOptions.FromEnvironment(environment.GetVariable, environment.HomeDirectory);
        options.Model = model;
        options.PricesFileRequired = pricesFile is not null;
        options.PricesFile = pricesFile ?? Path.Join(stateDirectory, "prices.json");
        if (useIndex)
        {
            options.IndexDirectory = Path.Join(stateDirectory, IndexFolder);
            options.IndexWriter = new AtomicKimiIndexWriter(environment.FileSystem, stateDirectory);
        }

        return options;
    }

    /// <summary>
    /// Reads the logs; through the index only when its folder is omk's own (<see cref="PrivateFolder.FindProblemBelow"/>):
    /// a <c>kimi-index</c> that is a link, another user's or writable by others is neither read nor written (the logs
    /// are read whole), with a warning when <paramref name="printWarnings"/>.
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="options">The options.</param>
    /// <param name="printWarnings">Whether to print the warnings on standard error.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found.</returns>
    public static KimiUsageResult Read(CliEnvironment environment, KimiUsageOptions options, bool printWarnings, CancellationToken cancellationToken)
    {
        if (options.IndexDirectory is { } index && Path.GetDirectoryName(Path.GetFullPath(index)) is { } state
            && PrivateFolder.FindProblemBelow(state, Path.GetFileName(index)) is { } problem)
        {
            options.IndexDirectory = null;
            options.IndexWriter = null;
            if (printWarnings)
            {
                ErrorLine.Warn(environment.Error, $"the Kimi index is not used, every log is read whole: {VisibleText.Escape(problem)}");
            }
        }

        var result = new KimiUsageReader(environment.FileSystem, options, environment.TimeProvider).Read(cancellationToken);
        if (printWarnings)
        {
            foreach (var warning in result.Warnings)
            {
                ErrorLine.Warn(environment.Error, VisibleText.Escape(warning.ToString()));
            }
        }

        return result;
    }
}
