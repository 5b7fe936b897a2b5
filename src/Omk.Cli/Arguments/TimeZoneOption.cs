using System.CommandLine;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// The global <c>--tz</c> option: the time zone in which omk shows days, weeks and months and reads the dates and
/// wall times a person types. Stored timestamps stay UTC.
/// </summary>
internal static class TimeZoneOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--tz";

    /// <summary>The environment variable that gives the default zone.</summary>
    public const string Variable = "OMK_TZ";

    /// <summary>Creates the option, recursive so every command takes it.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Create() => new(Name)
    {
        Description = $"The time zone of days, weeks, months and typed times: an IANA name (Asia/Shanghai), UTC or local. Default: ${Variable}, else the system's zone.",
        HelpName = "ZONE",
        Recursive = true,
    };

    /// <summary>Resolves the zone a command line asks for.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="environment">The command's environment (its variables and the system's zone).</param>
    /// <returns>The time zone: <c>--tz</c>, else <c>$OMK_TZ</c>, else the system's zone.</returns>
    /// <exception cref="CommandLineException">The zone is not known.</exception>
    public static TimeZoneInfo Resolve(ParseResult parseResult, Hosting.CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(environment);
        environment.TimeZoneResolved = true;
        var given = parseResult.GetValue<string>(Name);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return Find(given, environment, Name);
        }

        var variable = environment.GetVariable(Variable);
        return string.IsNullOrWhiteSpace(variable) ? environment.LocalZone : Find(variable, environment, "$" + Variable);
    }

    /// <summary>
    /// Warns, after a command that used no time zone, when <c>$OMK_TZ</c> names no zone: the command did not need it,
    /// so it did not fail, but the next one that does would.
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    public static void WarnIfUnusedAndWrong(Hosting.CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variable = environment.GetVariable(Variable);
        if (environment.TimeZoneResolved || string.IsNullOrWhiteSpace(variable))
        {
            return;
        }

        try
        {
            Find(variable, environment, "$" + Variable);
        }
        catch (CommandLineException exception)
        {
            environment.Error.Write($"omk: warning: {exception.Message}; this command uses no time zone, so it is ignored here\n");
        }
    }

    /// <summary>Finds a zone by the name a person gave.</summary>
    /// <param name="name">An IANA name, <c>UTC</c> or <c>local</c> (case-insensitive for the last two).</param>
    /// <param name="environment">The command's environment.</param>
    /// <param name="source">Where the name came from, for the error message.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="CommandLineException">The zone is not known.</exception>
    public static TimeZoneInfo Find(string name, Hosting.CliEnvironment environment, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(environment);
        return TimeZoneNames.TryFind(name, environment.LocalZone, out var zone)
            ? zone
            : throw new CommandLineException(
                $"{source}: unknown time zone '{name.Trim()}' (give an IANA name such as Asia/Shanghai or America/Los_Angeles, UTC or local)");
    }
}
