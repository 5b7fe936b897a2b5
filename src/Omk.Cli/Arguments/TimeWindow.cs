using System.CommandLine;
using Omk.Cli.Hosting;

namespace Omk.Cli.Arguments;

/// <summary>
/// The <c>--since</c>, <c>--until</c> and <c>--last</c> options of a report: a window of start times in the
/// command's zone (<c>--tz</c>), where a day given to <c>--until</c> includes that whole day.
/// </summary>
internal sealed class TimeWindow
{
    /// <summary>Initializes a new instance of the <see cref="TimeWindow"/> class.</summary>
    /// <param name="what">What the window selects, such as <c>sessions that started</c>.</param>
    public TimeWindow(string what)
    {
        Since = CliOptions.Time("--since", $"Only {what} at or after this.");
        Until = CliOptions.Time("--until", $"Only {what} before this (a day includes that whole day).");
        Last = new Option<RecentSpan>("--last")
        {
            Description = $"Only {what} in this span before now, in {RecentSpan.Units}: 90min, 24h, 7d, 2w, 3mo. A bare m is refused as ambiguous. Not with --since or --until.",
            HelpName = "SPAN",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (RecentSpan.Problem(text, out var span) is { } problem)
                {
                    result.AddError(problem);
                }

                return span;
            },
        };
    }

    /// <summary>Gets the <c>--since</c> option.</summary>
    public Option<TimeBound> Since { get; }

    /// <summary>Gets the <c>--until</c> option.</summary>
    public Option<TimeBound> Until { get; }

    /// <summary>Gets the <c>--last</c> option.</summary>
    public Option<RecentSpan> Last { get; }

    /// <summary>Gets the three options, to add to a command.</summary>
    public IEnumerable<Option> Options => [Since, Until, Last];

    /// <summary>Reads the window in the command's zone.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="environment">The command's environment (its clock).</param>
    /// <param name="zone">The zone.</param>
    /// <returns>The window.</returns>
    /// <exception cref="CommandLineException"><c>--since</c> is not before <c>--until</c>, or <c>--last</c> is given with either.</exception>
    public ResolvedWindow Resolve(ParseResult parseResult, CliEnvironment environment, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        var now = TimeZoneInfo.ConvertTime(environment.TimeProvider.GetUtcNow(), zone);
        if (parseResult.IsGiven(Last))
        {
            if (parseResult.IsGiven(Since) || parseResult.IsGiven(Until))
            {
                throw new CommandLineException("--last does not go with --since or --until");
            }

            var start = parseResult.GetValue(Last).Since(now, zone);
            return new ResolvedWindow(start, now, TimeBound.Shown(start, isDate: false), TimeBound.Shown(now, isDate: false), zone);
        }

        TimeBound? since = parseResult.IsGiven(Since) ? parseResult.GetValue(Since) : null;
        TimeBound? until = parseResult.IsGiven(Until) ? parseResult.GetValue(Until) : null;
        var from = since?.Start(zone, now);
        var to = until?.ExclusiveEnd(zone, now);
        if (from is { } a && to is { } b && a >= b)
        {
            throw new CommandLineException($"--since {since!.Value.Text} is after --until {until!.Value.Text}: the window holds no time");
        }

        return new ResolvedWindow(from, to, since?.Show(zone, now), until?.Show(zone, now), zone);
    }
}
