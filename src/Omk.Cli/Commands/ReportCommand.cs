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
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var by = CliOptions.Choice(
            "--by",
            "How to group sessions; days, ISO weeks (Monday first) and months are the --tz zone's.",
            ("type", CostGrouping.Type),
            ("name", CostGrouping.Name),
            ("day", CostGrouping.Day),
            ("week", CostGrouping.Week),
            ("month", CostGrouping.Month));
        var window = new TimeWindow("sessions that started");
        var top = CliOptions.Top("types or names");
        var json = CliOptions.Json("the report");
        var csv = CliOptions.Csv("the report's groups");
        var format = CliOptions.Choice(
            "--format",
            "The text's layout: table (the title, the window, the total spent and a table), or reference (the Rust omk's plain text, for scripts that parse it).",
            ("table", false),
            ("reference", true));

        var command = CliCommand.Create(
            "report",
            "Report what the recorded sessions cost (spent: the actual cost where known, else the estimate), grouped by type, name, day, week or month of the --tz zone.",
            "omk cost report",
            "omk cost report --by day --last 7d --tz Asia/Shanghai",
            "omk cost report --by week --since 2026-11-01 --until 2026-11-30",
            "omk cost report --by name --top 10",
            "omk cost report --by month --json",
            "omk cost report --format reference");
        foreach (var option in new Option[] { by, window.Since, window.Until, window.Last, top, json, csv, format })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CliOptions.OneFormat(parseResult, json, csv);
            if (parseResult.IsGiven(format) && (parseResult.GetValue(json) || parseResult.GetValue(csv)))
            {
                throw new CommandLineException("--format chooses the text's layout: it does not go with --json or --csv");
            }

            CostGrouping groupBy = parseResult.GetValue(by);
            if (parseResult.IsGiven(top) && groupBy is not (CostGrouping.Type or CostGrouping.Name))
            {
                throw new CommandLineException($"--top applies to --by type or name, not to --by {CostReport.GroupTitle(groupBy)}");
            }

            var zone = TimeZoneOption.Resolve(parseResult, environment);
            var span = window.Resolve(parseResult, environment, zone);
            var query = new CostReportQuery { GroupBy = groupBy, Since = span.Start, Until = span.End, TimeZone = zone };
            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            var report = await services.Tracker.ReportAsync(query, cancellationToken).ConfigureAwait(false);
            var count = parseResult.GetValue(top);
            var groups = count > 0 ? report.Groups.Take((int)Math.Min(count, int.MaxValue)).ToList() : report.Groups;
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, ReportDocument.From(report, groups, span), CliJsonContext.Default.ReportDocument);
            }
            else if (parseResult.GetValue(csv))
            {
                // Every row ends with the window it was counted in, as the JSON's "window" gives it.
                Csv.Write(
                    environment.Out,
                    [.. ReportGroupDocument.CsvHeader, "window_start", "window_end"],
                    groups.Select(group => (IReadOnlyList<string>)[.. ReportGroupDocument.From(group).ToCsvRow(), span.StartText ?? string.Empty, span.EndText ?? string.Empty]));
            }
            else
            {
                CostReportView.Write(StyledOutput.For(environment, parseResult), report, span, count, parseResult.GetValue(format).Value);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
