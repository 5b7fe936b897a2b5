using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost report</c>: what the recorded sessions cost, grouped.</summary>
internal static class ReportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new ReportOptions();
        var command = CliCommand.Create(
            "report",
            "Report what the recorded sessions cost (spent: the actual cost where known, else the estimate), grouped by type, name, day, week or month of the --tz zone.",
            "omk cost report",
            "omk cost report --by day --last 7d --tz Asia/Shanghai",
            "omk cost report --by week --since 2026-11-01 --until 2026-11-30",
            "omk cost report --by name --top 10",
            "omk cost report --by month --json",
            "omk cost report --format reference");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));
        return command;
    }

    /// <summary>The action: reads the window and the grouping, asks the ledger for the report, then shows it.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, ReportOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var groupBy = options.GroupBy(parseResult);
        var zone = TimeZoneOption.Resolve(environment);
        var span = options.Window.Resolve(parseResult, environment, zone);
        var query = new CostReportQuery { GroupBy = groupBy, Since = span.Start, Until = span.End, TimeZone = zone };
        using var services = CostServices.Create(environment);
        var report = await services.Tracker.ReportAsync(query, cancellationToken).ConfigureAwait(false);
        Show(environment, options, parseResult, report, span);
        return ExitCodes.Success;
    }

    /// <summary>The view: the groups shown (<c>--top</c>) as JSON, CSV or text.</summary>
    private static void Show(CliEnvironment environment, ReportOptions options, ParseResult parseResult, CostReport report, ResolvedWindow span)
    {
        var count = parseResult.GetValue(options.Top);
        var groups = count > 0 ? report.Groups.Take((int)Math.Min(count, int.MaxValue)).ToList() : report.Groups;
        if (parseResult.GetValue(options.Json))
        {
            CliJson.Write(environment.Out, ReportDocument.From(report, groups, span), CliJsonContext.Default.ReportDocument);
        }
        else if (parseResult.GetValue(options.Csv))
        {
            // Every row ends with the window it was counted in, as the JSON's "window" gives it.
            Csv.Write(
                environment.Out,
                [.. ReportGroupDocument.CsvHeader, "window_start", "window_end"],
                groups.Select(group => (IReadOnlyList<string>)[.. ReportGroupDocument.From(group).ToCsvRow(), span.StartText ?? string.Empty, span.EndText ?? string.Empty]));
        }
        else
        {
            CostReportView.Write(StyledOutput.For(environment), report, span, count, parseResult.GetValue(options.Format).Value);
        }
    }
}
