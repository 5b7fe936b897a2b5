using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cost.Domain.Time;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost usage kimi</c>, declared once.</summary>
internal sealed class UsageKimiOptions
{
    /// <summary>Gets <c>--by</c>.</summary>
    public Option<Chosen<UsageGrouping>> By { get; } = CliOptions.Choice(
        "--by",
        "How to group model calls.",
        (PeriodWords.Day, UsageGrouping.Day),
        ("session", UsageGrouping.Session),
        (PeriodWords.Week, UsageGrouping.Week),
        (PeriodWords.Month, UsageGrouping.Month),
        ("project", UsageGrouping.Project),
        ("model", UsageGrouping.Model));

    /// <summary>Gets <c>--since</c>, <c>--until</c> and <c>--last</c>.</summary>
    public TimeWindow Window { get; } = new("model calls");

    /// <summary>Gets which logs to read and how to price them.</summary>
    public KimiSourceOptions Source { get; } = new();

    /// <summary>Gets <c>--json</c>.</summary>
    public Option<bool> Json { get; } = CliOptions.Json("the usage report");

    /// <summary>Gets <c>--csv</c>.</summary>
    public Option<bool> Csv { get; } = CliOptions.Csv("the usage report's groups");

    /// <summary>Gets <c>--top</c>.</summary>
    public Option<long> Top { get; } = CliOptions.Top("sessions, projects or models");

    /// <summary>Gets <c>--no-cache</c>.</summary>
    public Option<bool> NoCache { get; } = new("--no-cache")
    {
        Description = "Read every log whole, without the incremental index in the state folder (kimi-index/). The result is the same.",
    };

    /// <summary>Adds the options to the command, in the order the help lists them.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[By, Window.Since, Window.Until, Window.Last, Top, .. Source.All, Json, Csv, NoCache])
        {
            command.Options.Add(option);
        }
    }
}
