using System.CommandLine;
using Omk.Cli.Hosting;

namespace Omk.Cli.Rendering;

/// <summary>
/// Decides whether a command colours its text: <c>--no-color</c> turns it off; else <c>FORCE_COLOR</c> (any value
/// but <c>0</c>) turns it on; else <c>NO_COLOR</c> (any value) or <c>TERM=dumb</c> turns it off; else it is on when
/// the standard output is a terminal, and off for files and pipes.
/// </summary>
internal static class ColorChoice
{
    /// <summary>The name of the global flag that turns colour off.</summary>
    public const string NoColorFlag = "--no-color";

    /// <summary>Creates the global <c>--no-color</c> flag.</summary>
    /// <returns>The option, recursive so that every command takes it.</returns>
    public static Option<bool> CreateOption() => new(NoColorFlag)
    {
        Description = "Never colour the output. Colour is used on a terminal only; NO_COLOR or TERM=dumb also turn it off, FORCE_COLOR forces it.",
        Recursive = true,
    };

    /// <summary>Decides whether to colour a command's output.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="noColor">Whether <c>--no-color</c> was given.</param>
    /// <returns><see langword="true"/> to colour.</returns>
    public static bool IsEnabled(CliEnvironment environment, bool noColor)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (noColor)
        {
            return false;
        }

        if (environment.GetVariable(EnvironmentVariables.ForceColor) is { Length: > 0 } force)
        {
            return force != "0";
        }

        if (environment.GetVariable(EnvironmentVariables.NoColor) is { Length: > 0 }
            || string.Equals(environment.GetVariable(EnvironmentVariables.Terminal), "dumb", StringComparison.Ordinal))
        {
            return false;
        }

        return environment.OutputIsTerminal;
    }
}
