using System.CommandLine;

namespace Omk.Cli.Arguments;

/// <summary>
/// The <c>--no-kimi</c> option of the commands whose budgets count Kimi's real spend (<c>gate</c>, <c>budget</c>,
/// <c>budget check</c>, <c>budget list</c>, <c>status</c>, <c>watch kimi</c>, <c>run</c>): without it they count, besides the
/// ledger and the reservations, what Kimi sessions on this machine spent that the ledger does not hold.
/// </summary>
internal static class KimiSpendOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--no-kimi";

    /// <summary>Creates the option.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> Create() => new(Name)
    {
        Description = "Count only the ledger and the reservations: leave out what Kimi sessions on this machine spent that the ledger does not hold yet (on the team store, do not import them first).",
    };

    /// <summary>Adds the option to a command.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The same command.</returns>
    public static Command AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Create());
        return command;
    }

    /// <summary>Tells whether a command counts Kimi's spend: it takes <c>--no-kimi</c> and was not given it.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <returns><see langword="true"/> when the command counts Kimi's spend.</returns>
    public static bool Counts(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.CommandResult.Command.Options.FirstOrDefault(static option => option.Name == Name) is Option<bool> option
            && !parseResult.GetValue(option);
    }
}
