using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Watch;

namespace Omk.Cli.Commands;

/// <summary>The options of <c>omk cost watch kimi</c>, declared once: the command adds them and its action reads them.</summary>
internal sealed class WatchOptions
{
    /// <summary>The poll interval when none is given.</summary>
    public const ulong DefaultIntervalSeconds = 2;

    public Option<string> Session { get; } = new("--session") { Description = "Follow this session (its folder's name).", HelpName = "ID" };

    public Option<bool> Latest { get; } = new("--latest") { Description = "Follow the session active most recently as of each reading, switching when another one spends later (the default); a log dated in the future is never the latest." };

    public Option<bool> AllActive { get; } = new("--all-active") { Description = "Follow every session active in the last 15 minutes, and those that start later." };

    public Option<decimal> Limit { get; } = CliOptions.Dollars("--limit", "Stop when the followed sessions have spent this many US dollars: print a line, run --on-exceed, exit with 3.");

    public Option<ulong> Interval { get; } = CliOptions.Duration("--interval", "How often to read the logs when no change notification comes.", "2s");

    public Option<string> OnExceed { get; } = new("--on-exceed")
    {
        Description = $"A command to run once (with /bin/sh -c) when the limit is reached, with {EnvironmentVariables.ExceededSession}, {EnvironmentVariables.ExceededSpent} and {EnvironmentVariables.ExceededLimit} set.",
        HelpName = "CMD",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON line per change instead of a display (the default off a terminal)." };

    public Option<string[]> Budgets { get; } = new("--budget")
    {
        Description = "Stop when the followed sessions have spent what this budget leaves (limit − spent − reserved, read at each reading; the spent counts every Kimi session on this machine once, the followed ones included, unless --no-kimi); repeat for more. "
            + "Default: every budget that applies to Kimi runs (no type, or type kimi), when there is one.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Adds every option to the command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Session, Latest, AllActive, Limit, Budgets, Interval, OnExceed, Json, KimiSpendOption.Create() })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Reads which sessions to follow: <c>--session</c>, <c>--all-active</c>, else the latest.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The sessions to follow.</returns>
    /// <exception cref="CommandLineException">More than one of them was given.</exception>
    public WatchTarget Target(ParseResult parseResult)
    {
        var chosen = new[] { parseResult.IsGiven(Session), parseResult.GetValue(Latest), parseResult.GetValue(AllActive) }.Count(static given => given);
        if (chosen > 1)
        {
            throw new CommandLineException("--session, --latest and --all-active exclude each other: give one");
        }

        return parseResult.IsGiven(Session) ? WatchTarget.Session : parseResult.GetValue(AllActive) ? WatchTarget.AllActive : WatchTarget.Latest;
    }

    /// <summary>Reads how often to read the logs when no change notification comes.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns>The interval, at most a day.</returns>
    /// <exception cref="CommandLineException">The interval is zero.</exception>
    public TimeSpan PollInterval(ParseResult parseResult)
    {
        var seconds = parseResult.IsGiven(Interval) ? parseResult.GetValue(Interval) : DefaultIntervalSeconds;
        if (seconds == 0)
        {
            throw new CommandLineException("--interval must be at least 1s");
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
    }
}
