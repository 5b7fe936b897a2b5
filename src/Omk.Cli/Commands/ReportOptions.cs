using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost report</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class ReportOptions
{
    public Option<Chosen<CostGrouping>> By { get; } = CliOptions.Choice(
        "--by",
        "How to group sessions; days, ISO weeks (Monday first) and months are the --tz zone's.",
        ("type", CostGrouping.Type),
        ("name", CostGrouping.Name),
        (PeriodWords.Day, CostGrouping.Day),
        (PeriodWords.Week, CostGrouping.Week),
        (PeriodWords.Month, CostGrouping.Month));

    /// <summary>Gets the window of start times (<c>--since</c>, <c>--until</c>, <c>--last</c>).</summary>
    public TimeWindow Window { get; } = new("sessions that started");

    public Option<long> Top { get; } = CliOptions.Top("types or names");

    public Option<bool> Json { get; } = CliOptions.Json("the report");

    public Option<bool> Csv { get; } = CliOptions.Csv("the report's groups");

    public Option<Chosen<bool>> Format { get; } = CliOptions.Choice(
        "--format",
        "The text's layout: table (the title, the window, the total spent and a table), or reference (the Rust omk's plain text, for scripts that parse it).",
        ("table", false),
        ("reference", true));

    /// <summary>Adds every option to the command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { By, Window.Since, Window.Until, Window.Last, Top, Json, Csv, Format })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads the grouping, refusing the options that do not go together.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>How to group the sessions.</returns>
    /// <exception cref="CommandLineException">Two formats, or <c>--top</c> by a period, were given.</exception>
    public CostGrouping GroupBy(ParseResult parseResult)
    {
        CliOptions.OneFormat(parseResult, Json, Csv);
        if (parseResult.IsGiven(Format) && (parseResult.GetValue(Json) || parseResult.GetValue(Csv)))
        {
            throw new CommandLineException("--format chooses the text's layout: it does not go with --json or --csv");
        }

        CostGrouping groupBy = parseResult.GetValue(By);
        if (parseResult.IsGiven(Top) && groupBy is not (CostGrouping.Type or CostGrouping.Name))
        {
            throw new CommandLineException($"--top applies to --by type or name, not to --by {CostReport.GroupTitle(groupBy)}");
        }

        return groupBy;
    }
}
