using System.CommandLine;
using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost usage kimi</c> and <c>omk cost import kimi</c>: the real token usage and cost of Kimi sessions,
/// read from Kimi CLI's and Kimi Code's own logs.
/// </summary>
internal static class KimiCommands
{
    /// <summary>Creates <c>omk cost usage</c> with its <c>kimi</c> subcommand.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Usage(CliEnvironment environment, Option<string> stateDirectory)
    {
        var by = CliOptions.Choice(
            "--by",
            "How to group model calls.",
            ("day", UsageGrouping.Day),
            ("session", UsageGrouping.Session),
            ("month", UsageGrouping.Month),
            ("project", UsageGrouping.Project),
            ("model", UsageGrouping.Model));
        var window = new TimeWindow("model calls");
        var (model, prices) = SourceOptions();
        var json = CliOptions.Json("the usage report");

        var kimi = CliCommand.Create(
            "kimi",
            "Report the real token usage and cost of Kimi sessions from Kimi's logs ($KIMI_SHARE_DIR or ~/.kimi, and ~/.kimi-code). Read-only.",
            "omk cost usage kimi",
            "omk cost usage kimi --by session --since 2026-11-01",
            "omk cost usage kimi --by model --json");
        foreach (var option in new Option[] { by, window.Since, window.Until, model, prices, json })
        {
            kimi.Options.Add(option);
        }

        kimi.SetAction((parseResult, cancellationToken) =>
        {
            var result = Read(environment, parseResult, stateDirectory, model, prices, includeTitles: parseResult.GetValue(by) == UsageGrouping.Session, cancellationToken);
            var report = result.Report(new UsageQuery
            {
                GroupBy = parseResult.GetValue(by),
                Since = window.Start(parseResult),
                Until = window.End(parseResult),
            });
            if (parseResult.GetValue(json))
            {
                environment.Out.Write(KimiUsageJson.Serialize(report) + "\n");
                foreach (var unpriced in report.Total.Unpriced)
                {
                    environment.Error.Write(string.Create(
                        CultureInfo.InvariantCulture,
                        $"omk: warning: no price for model {unpriced.Model} ({unpriced.Tokens} tokens): its cost is unknown\n"));
                }
            }
            else
            {
                environment.Out.Write(report.ToString());
            }

            return Task.FromResult(ExitCodes.Success);
        });

        var usage = CliCommand.Create("usage", "Real usage from coding agents' own logs.");
        usage.Subcommands.Add(kimi);
        return usage;
    }

    /// <summary>Creates <c>omk cost import</c> with its <c>kimi</c> subcommand.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Import(CliEnvironment environment, Option<string> stateDirectory)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be imported without changing the history." };
        var (model, prices) = SourceOptions();
        var json = CliOptions.Json("the import's counts");

        var kimi = CliCommand.Create(
            "kimi",
            "Record every Kimi session in the omk history with its exact tokens and real cost (type kimi). Importing again adds nothing; a session that grew is updated in place.",
            "omk cost import kimi --dry-run",
            "omk cost import kimi --json");
        foreach (var option in new Option[] { dryRun, model, prices, json })
        {
            kimi.Options.Add(option);
        }

        kimi.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = Read(environment, parseResult, stateDirectory, model, prices, includeTitles: true, cancellationToken);
            var sessions = result.ToSessionCosts();
            using var services = CostServices.Create(environment, parseResult.GetValue(stateDirectory));
            var isDryRun = parseResult.GetValue(dryRun);
            var outcome = sessions.Count == 0
                ? default
                : await services.Tracker.UpsertAsync(sessions, isDryRun ? UpsertMode.DryRun : UpsertMode.Apply, cancellationToken).ConfigureAwait(false);

            if (parseResult.GetValue(json))
            {
                CliJson.Write(
                    environment.Out,
                    new ImportDocument(sessions.Count, outcome.Added, outcome.Replaced, outcome.Unchanged, isDryRun),
                    CliJsonContext.Default.ImportDocument);
            }
            else
            {
                var verb = isDryRun ? "Would import" : "Imported";
                environment.Out.Write(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{verb} {sessions.Count} Kimi sessions into {services.Location}: {outcome.Added} added, {outcome.Replaced} updated, {outcome.Unchanged} unchanged.\n"));
            }

            return ExitCodes.Success;
        });

        var import = CliCommand.Create("import", "Import real costs from coding agents' own logs into the omk history.");
        import.Subcommands.Add(kimi);
        return import;
    }

    private static (Option<string> Model, Option<string> Prices) SourceOptions() =>
    (
        new Option<string>("--model") { Description = "Price Kimi CLI sessions as this model instead of the one in Kimi's config.toml.", HelpName = "MODEL" },
        new Option<string>("--prices") { Description = "A price file over the built-in prices. Default: prices.json in the state folder, when it exists.", HelpName = "FILE" }
    );

    private static KimiUsageResult Read(
        CliEnvironment environment,
        ParseResult parseResult,
        Option<string> stateDirectory,
        Option<string> model,
        Option<string> prices,
        bool includeTitles,
        CancellationToken cancellationToken)
    {
        var options = KimiUsageOptions.FromEnvironment(environment.GetVariable, environment.HomeDirectory);
        options.Model = parseResult.GetValue(model);
        options.IncludeTitles = includeTitles;
        var pricesFile = parseResult.GetValue(prices);
        options.PricesFileRequired = pricesFile is not null;
        options.PricesFile = pricesFile
            ?? Path.Join(CostServices.ResolveStateDirectory(environment, parseResult.GetValue(stateDirectory)), "prices.json");

        var result = new KimiUsageReader(environment.FileSystem, options).Read(cancellationToken);
        foreach (var warning in result.Warnings)
        {
            environment.Error.Write($"omk: warning: {warning}\n");
        }

        return result;
    }
}
