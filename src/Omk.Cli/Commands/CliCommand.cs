using System.CommandLine;
using Omk.Cli.Arguments;

namespace Omk.Cli.Commands;

/// <summary>Helpers shared by the commands.</summary>
internal static class CliCommand
{
    /// <summary>Creates a command whose help shows its description and examples.</summary>
    /// <param name="name">The command's name.</param>
    /// <param name="description">What the command does.</param>
    /// <param name="examples">Command lines that show its use.</param>
    /// <returns>The command.</returns>
    public static Command Create(string name, string description, params string[] examples) =>
        new(name, examples.Length == 0 ? description : $"{description}\n\nExamples:\n  {string.Join("\n  ", examples)}");

    /// <summary>Fails when an option was given that the chosen form of a command does not use.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="context">What the options would not apply to, such as <c>a team estimate</c>.</param>
    /// <param name="options">The options that do not apply.</param>
    /// <exception cref="CommandLineException">One of <paramref name="options"/> was given.</exception>
    public static void Forbid(ParseResult parseResult, string context, params Option[] options)
    {
        foreach (var option in options)
        {
            if (parseResult.IsGiven(option))
            {
                throw new CommandLineException($"{option.Name} does not apply to {context}");
            }
        }
    }
}
