using System.CommandLine;

namespace Omk.Cli.Arguments;

/// <summary>Questions about a parsed command line that System.CommandLine answers only indirectly.</summary>
internal static class ParseResultExtensions
{
    /// <summary>Tells whether an option was written on the command line, not only given its default.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="option">The option.</param>
    /// <returns><see langword="true"/> when the option was given.</returns>
    public static bool IsGiven(this ParseResult parseResult, Option option) =>
        parseResult.GetResult(option) is { Implicit: false };
}
