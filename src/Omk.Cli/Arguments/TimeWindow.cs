using System.CommandLine;

namespace Omk.Cli.Arguments;

/// <summary>
/// The <c>--since</c> and <c>--until</c> options of a report: a window of start times, where a date given to
/// <c>--until</c> includes that whole day.
/// </summary>
internal sealed class TimeWindow
{
    /// <summary>Initializes a new instance of the <see cref="TimeWindow"/> class.</summary>
    /// <param name="what">What the window selects, such as <c>sessions that started</c>.</param>
    public TimeWindow(string what)
    {
        Since = CliOptions.Time("--since", $"Only {what} at or after this.");
        Until = CliOptions.Time("--until", $"Only {what} before this (a date includes that whole day).");
    }

    /// <summary>Gets the <c>--since</c> option.</summary>
    public Option<TimeBound> Since { get; }

    /// <summary>Gets the <c>--until</c> option.</summary>
    public Option<TimeBound> Until { get; }

    /// <summary>Gets the inclusive start of the window, or null when <c>--since</c> was not given.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The start.</returns>
    public DateTimeOffset? Start(ParseResult parseResult) =>
        parseResult.IsGiven(Since) ? parseResult.GetValue(Since).Value : null;

    /// <summary>Gets the exclusive end of the window, or null when <c>--until</c> was not given.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The end.</returns>
    public DateTimeOffset? End(ParseResult parseResult) =>
        parseResult.IsGiven(Until) ? parseResult.GetValue(Until).ExclusiveEnd : null;
}
