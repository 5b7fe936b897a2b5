using System.CommandLine;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
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

    /// <summary>Creates the option, recursive so every command takes it.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Create() => new(Name)
    {
        Description = $"The time zone of days, weeks, months and typed times: an IANA name (Asia/Shanghai), UTC or local. Default: ${EnvironmentVariables.TimeZone}, else the system's zone.",
        HelpName = "ZONE",
        Recursive = true,
    };

    /// <summary>Resolves the zone the command line asks for, for a command that still passes its parse result.</summary>
    /// <param name="parseResult">The parsed command line, whose <c>--tz</c> <see cref="CliEnvironment.Globals"/> holds.</param>
    /// <param name="environment">The command's environment (its variables and the system's zone).</param>
    /// <returns>The time zone: <c>--tz</c>, else <c>$OMK_TZ</c>, else the system's zone.</returns>
    /// <exception cref="CommandLineException">The zone is not known.</exception>
    public static TimeZoneInfo Resolve(ParseResult parseResult, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Resolve(environment);
    }

    /// <summary>Resolves the zone the command line asks for.</summary>
    /// <param name="environment">The command's environment (its global options, its variables and the system's zone).</param>
    /// <returns>The time zone: <c>--tz</c>, else <c>$OMK_TZ</c>, else the system's zone.</returns>
    /// <exception cref="CommandLineException">The zone is not known.</exception>
    public static TimeZoneInfo Resolve(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.TimeZoneResolved = true;
        if (environment.Globals.TimeZone is { } given)
        {
            return Find(given, environment, Name);
        }

        var variable = environment.GetVariable(EnvironmentVariables.TimeZone);
        return string.IsNullOrWhiteSpace(variable) ? environment.LocalZone : Find(variable, environment, "$" + EnvironmentVariables.TimeZone);
    }

    /// <summary>
    /// Warns, after a command that used no time zone, when <c>$OMK_TZ</c> names no zone: the command did not need it,
    /// so it did not fail, but the next one that does would.
    /// </summary>
    /// <param name="environment">The command's environment.</param>
    public static void WarnIfUnusedAndWrong(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var variable = environment.GetVariable(EnvironmentVariables.TimeZone);
        if (environment.TimeZoneResolved || string.IsNullOrWhiteSpace(variable))
        {
            return;
        }

        try
        {
            Find(variable, environment, "$" + EnvironmentVariables.TimeZone);
        }
        catch (CommandLineException exception)
        {
            ErrorLine.Warn(environment.Error, $"{exception.Message}; this command uses no time zone, so it is ignored here");
        }
    }

    /// <summary>Finds a zone by the name a person gave.</summary>
    /// <param name="name">An IANA name, <c>UTC</c> or <c>local</c> (case-insensitive for the last two).</param>
    /// <param name="environment">The command's environment.</param>
    /// <param name="source">Where the name came from, for the error message.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="CommandLineException">The zone is not known.</exception>
    public static TimeZoneInfo Find(string name, CliEnvironment environment, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(environment);
        return TimeZoneNames.TryFind(name, environment.LocalZone, out var zone)
            ? zone
            : throw new CommandLineException(
                $"{source}: unknown time zone '{name.Trim()}' (give an IANA name such as Asia/Shanghai or America/Los_Angeles, UTC or local)");
    }
}
