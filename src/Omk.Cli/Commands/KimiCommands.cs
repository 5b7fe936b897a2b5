using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Adapters.Kimi.Pricing;
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
    /// <returns>The command.</returns>
    public static Command Usage(CliEnvironment environment)
    {
        var options = new UsageKimiOptions();
        var kimi = CliCommand.Create(
            "kimi",
            $"Report the real token usage and cost of Kimi sessions from Kimi's logs. Read-only.\n\n{Sources}\n\n{NeverLogged}\n\n{KimiPrices.PriceFileHelp}",
            "omk cost usage kimi",
            "omk cost usage kimi --by session --since 2026-11-01",
            "omk cost usage kimi --by day --last 7d --tz Asia/Shanghai",
            "omk cost usage kimi --by model --json",
            "omk cost usage kimi --by session --top 10 --csv > sessions.csv",
            "omk cost usage kimi --kimi-code-home /srv/kimi-code");
        options.AddTo(kimi);
        kimi.SetAction((parseResult, cancellationToken) => Task.FromResult(ReportUsage(environment, parseResult, options, cancellationToken)));

        var usage = CliCommand.Create("usage", "Real usage from coding agents' own logs.");
        usage.Subcommands.Add(kimi);
        return usage;
    }

    /// <summary>Creates <c>omk cost import</c> with its <c>kimi</c> subcommand.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Import(CliEnvironment environment)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be imported without changing the history." };
        var source = new KimiSourceOptions();
        var json = CliOptions.Json("the import's counts");

        var kimi = CliCommand.Create(
            "kimi",
            $"Record every Kimi session in the omk history with its exact tokens and real cost (type kimi). Importing again adds nothing; a session that grew is updated in place. A session with a call of a model that has no price is not imported (a warning names the model): add its price to prices.json and import again.\n\n{Sources}\n\n{KimiPrices.PriceFileHelp}",
            "omk cost import kimi --dry-run",
            "omk cost import kimi --json");
        foreach (var option in (Option[])[dryRun, .. source.All, json])
        {
            kimi.Options.Add(option);
        }

        kimi.SetAction((parseResult, cancellationToken) =>
            ImportAsync(environment, parseResult, source, parseResult.GetValue(dryRun), parseResult.GetValue(json), cancellationToken));

        var import = CliCommand.Create("import", "Import real costs from coding agents' own logs into the omk history.");
        import.Subcommands.Add(kimi);
        return import;
    }

    /// <summary>The action of <c>usage kimi</c>: the reading, reported by the grouping and window asked for.</summary>
    private static int ReportUsage(CliEnvironment environment, ParseResult parseResult, UsageKimiOptions options, CancellationToken cancellationToken)
    {
        CliOptions.OneFormat(parseResult, options.Json, options.Csv);
        if (parseResult.IsGiven(options.Top) && parseResult.GetValue(options.By).Value is UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month)
        {
            throw new CommandLineException($"--top applies to --by session, project or model, not to --by {parseResult.GetValue(options.By)}");
        }

        var zone = TimeZoneOption.Resolve(parseResult, environment);
        var span = options.Window.Resolve(parseResult, environment, zone);
        var reading = Read(environment, parseResult, options.Source, includeTitles: parseResult.GetValue(options.By) == UsageGrouping.Session, useIndex: !parseResult.GetValue(options.NoCache), cancellationToken);
        var report = reading.Report(new UsageQuery
        {
            GroupBy = parseResult.GetValue(options.By),
            Since = span.Start,
            Until = span.End,
            TimeZone = zone,
        });
        WriteUsage(environment, parseResult, options, report, span);
        return ExitCodes.Success;
    }

    /// <summary>The view of <c>usage kimi</c>: a table, or the JSON or CSV form with a warning a model without a price.</summary>
    private static void WriteUsage(CliEnvironment environment, ParseResult parseResult, UsageKimiOptions options, UsageReport report, ResolvedWindow span)
    {
        var top = parseResult.GetValue(options.Top);
        if (!parseResult.GetValue(options.Json) && !parseResult.GetValue(options.Csv))
        {
            UsageReportView.Write(StyledOutput.For(environment, parseResult), report, span, top);
            return;
        }

        var shown = UsageReportView.Shown(report, top);
        if (parseResult.GetValue(options.Json))
        {
            UsageReportJson.Write(environment.Out, report, shown);
        }
        else
        {
            UsageReportJson.WriteCsv(environment.Out, report, shown);
        }

        foreach (var unpriced in report.Total.Unpriced)
        {
            ErrorLine.Warn(environment.Error, $"no price for model {VisibleText.Escape(unpriced.Model)} ({Figures.Counted((long)Math.Min(unpriced.Tokens, long.MaxValue), "token")}): its cost is unknown");
        }
    }

    /// <summary>The action of <c>import kimi</c>: the priced sessions upserted by id, the others named in a warning each.</summary>
    private static async Task<int> ImportAsync(CliEnvironment environment, ParseResult parseResult, KimiSourceOptions source, bool isDryRun, bool json, CancellationToken cancellationToken)
    {
        var reading = Read(environment, parseResult, source, includeTitles: true, useIndex: true, cancellationToken);
        using var services = CostServices.Create(environment);
        var (found, outcome, unpriced) = await services.Import.ImportAsync(reading, isDryRun ? UpsertMode.DryRun : UpsertMode.Apply, cancellationToken).ConfigureAwait(false);
        foreach (var skipped in unpriced)
        {
            var models = string.Join(", ", skipped.Unpriced.Select(static m => $"{Figures.Counted((long)Math.Min(m.Tokens, long.MaxValue), "token")} of {m.Model}"));
            ErrorLine.Warn(environment.Error, $"Kimi session {skipped.SessionId} not imported: {models} {(skipped.Unpriced is [{ Tokens: 1 }] ? "has" : "have")} no price; add {(skipped.Unpriced.Count == 1 ? "it" : "them")} to prices.json in the state folder (see omk cost import kimi --help), then import again");
        }

        if (json)
        {
            CliJson.Write(environment.Out, new ImportDocument(found, outcome.Added, outcome.Replaced, outcome.Unchanged, isDryRun), CliJsonContext.Default.ImportDocument);
            return ExitCodes.Success;
        }

        var counted = Figures.Counted(found, "Kimi session");
        environment.Out.Write(outcome.Added == 0 && outcome.Replaced == 0
            ? $"Nothing new: {(found == 0 ? "no Kimi session was found" : $"the {counted} found {(found == 1 ? "is" : "are")} already in {services.Location}")}.\n"
            : $"{(isDryRun ? "Would import" : "Imported")} {counted} into {services.Location}: {Figures.Count(outcome.Added)} added, {Figures.Count(outcome.Replaced)} updated, {Figures.Count(outcome.Unchanged)} unchanged.\n");
        return ExitCodes.Success;
    }

    /// <summary>Where the logs are read from, for the help of both commands.</summary>
    private const string Sources =
        "Logs read: Kimi CLI under $KIMI_SHARE_DIR, else ~/.kimi; Kimi Code under --kimi-code-home, else $KIMI_CODE_HOME, else ~/.kimi-code; " +
        "Kimi Work (the desktop app) under --kimi-work-home, else $KIMI_WORK_HOME, else kimi-desktop/daimon-share/daimon/runtime/kimi-code/home in ~/.config (Linux), ~/Library/Application Support (macOS) or %APPDATA% (Windows), its own sessions (titles, skill summaries) counted and marked in their title. " +
        "Each model call is counted once: a fork (/fork, /undo, Kimi Code forks) shows only the calls it made itself. " +
        "Models come from the logs and the config.toml of each home; a model without a price has an unknown cost (add it to prices.json in the state folder, or pass --prices).";

    /// <summary>What Kimi does not log, one sentence each, so that a user knows why the bill can be higher.</summary>
    private const string NeverLogged =
        "What Kimi never logs, so the bill can be higher than these numbers:\n" +
        "  - Kimi CLI's compaction (automatic and /compact) writes no token usage.\n" +
        "  - Kimi CLI's /btw side questions write no token usage.\n" +
        "  - Interrupted steps and failed retries write no token usage.\n" +
        "  - Sessions from before Kimi CLI logged token usage (2025-12-17) have none.\n" +
        "  - /model, --model and KIMI_MODEL_NAME leave no trace in a Kimi CLI session: its model is read from Kimi CLI's logs/kimi.log while that keeps it\n" +
        "    (about 10 days), else it is the configured model (--json says which: model_source); a /model switch may be missed.";

    private static UsageReading Read(
        CliEnvironment environment,
        ParseResult parseResult,
        KimiSourceOptions source,
        bool includeTitles,
        bool useIndex,
        CancellationToken cancellationToken)
    {
        var state = CostServices.ResolveStateDirectory(environment);
        var options = KimiReading.Options(environment, state, parseResult.GetValue(source.Model), parseResult.GetValue(source.Prices), useIndex);
        options.IncludeTitles = includeTitles;
        if (parseResult.GetValue(source.KimiCodeHome) is { } codeHome)
        {
            if (string.IsNullOrWhiteSpace(codeHome))
            {
                throw new CommandLineException("--kimi-code-home needs a folder");
            }

            options.KimiCodeRoot = codeHome;
        }

        if (parseResult.GetValue(source.KimiWorkHome) is { } workHome)
        {
            if (string.IsNullOrWhiteSpace(workHome))
            {
                throw new CommandLineException("--kimi-work-home needs a folder");
            }

            options.KimiWorkRoot = workHome;
        }

        return KimiReading.Read(environment, KimiReading.Source(environment, options), printWarnings: true, cancellationToken);
    }
}
