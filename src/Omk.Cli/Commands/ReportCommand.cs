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

        var command = CliCommand.Create(
            "report",
            "Report what the recorded sessions cost (spent: the actual cost where known, else the estimate), grouped by type, name, day, week or month of the --tz zone.",
            "omk cost report",
            "omk cost report --by day --last 7d --tz Asia/Shanghai",
            "omk cost report --by week --since 2026-11-01 --until 2026-11-30",
            "omk cost report --by name --top 10",
            "omk cost report --by month --json");
        foreach (var option in new Option[] { by, window.Since, window.Until, window.Last, top, json, csv })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CliOptions.OneFormat(parseResult, json, csv);
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
                CliJson.Write(environment.Out, ReportDocument.From(report, groups), CliJsonContext.Default.ReportDocument);
            }
            else if (parseResult.GetValue(csv))
            {
                Csv.Write(environment.Out, ReportGroupDocument.CsvHeader, groups.Select(group => ReportGroupDocument.From(group).ToCsvRow()));
            }
            else
            {
                CostReportView.Write(StyledOutput.For(environment, parseResult), report, span, count);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
