using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
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
            "How to group sessions.",
            ("type", CostGrouping.Type),
            ("name", CostGrouping.Name),
            ("day", CostGrouping.Day),
            ("month", CostGrouping.Month));
        var window = new TimeWindow("sessions that started");
        var json = CliOptions.Json("the report");

        var command = CliCommand.Create(
            "report",
            "Report what the recorded sessions cost, grouped by type, name, UTC day or UTC month.",
            "omk cost report",
            "omk cost report --by day --since 2026-11-01 --until 2026-11-30",
            "omk cost report --by month --json");
        foreach (var option in new Option[] { by, window.Since, window.Until, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var query = new CostReportQuery
            {
                GroupBy = parseResult.GetValue(by),
                Since = window.Start(parseResult),
                Until = window.End(parseResult),
            };
            using var services = CostServices.Create(environment, parseResult.GetValue(stateDirectory));
            var report = await services.Tracker.ReportAsync(query, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, ReportDocument.From(report), CliJsonContext.Default.ReportDocument);
            }
            else
            {
                var text = report.ToString();
                environment.Out.Write(text.EndsWith('\n') ? text : text + "\n");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
