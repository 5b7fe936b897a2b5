using Omk.Cli.Output;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

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

    /// <summary>The options of the reading that budgets and the status line count: the state folder's prices, through the index.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The state folder.</param>
    /// <param name="includeTitles">Whether to read the sessions' titles, which an import records as their names.</param>
    /// <returns>The options.</returns>
    public static KimiUsageOptions Options(CliEnvironment environment, string stateDirectory, bool includeTitles)
    {
        var options = Options(environment, stateDirectory, model: null, pricesFile: null, useIndex: true);
        options.IncludeTitles = includeTitles;
        return options;
    }

    /// <summary>
    /// Gets the usage port over Kimi's logs with these options (<see cref="KimiUsageSource"/>: through the index only
    /// when its folder is omk's own, else every log read whole, which the reading's first warning says).
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="options">The options.</param>
    /// <returns>The port.</returns>
    public static IUsageSource Source(CliEnvironment environment, KimiUsageOptions options) =>
        new KimiUsageSource(environment.FileSystem, options, environment.TimeProvider);

    /// <summary>Reads the logs through the usage port, and prints the warnings on standard error when told to.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="source">The usage port.</param>
    /// <param name="printWarnings">Whether to print the warnings on standard error.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found.</returns>
    public static UsageReading Read(CliEnvironment environment, IUsageSource source, bool printWarnings, CancellationToken cancellationToken)
    {
        var reading = source.Read(cancellationToken);
        if (printWarnings)
        {
            foreach (var warning in reading.Warnings)
            {
                ErrorLine.Warn(environment.Error, VisibleText.Escape(warning.ToString()));
            }
        }

        return reading;
    }
}
