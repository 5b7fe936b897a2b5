using System.CommandLine;

namespace Omk.Cli;

/// <summary>
/// Words the message of a command line with a word that is no command or option, with the nearest name it may have
/// meant: <c>unknown command 'estimat'. Did you mean 'estimate'?</c>.
/// </summary>
internal static class UnknownTokenMessage
{
    /// <summary>Words the message for the first token that matched nothing, if any.</summary>
    /// <param name="parseResult">The parsed command line.</param>
    /// <param name="helpHint">The hint shown when nothing is near, such as <c>see 'omk cost --help'</c>.</param>
    /// <returns>The message, or null when every token matched.</returns>
    public static string? For(ParseResult parseResult, string helpHint)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var token = parseResult.UnmatchedTokens[0];
        var command = parseResult.CommandResult.Command;
        string what;
        IEnumerable<string> names;
        if (token.StartsWith('-'))
        {
            what = "option";
            names = OptionsOf(parseResult).SelectMany(static option => option.Aliases.Prepend(option.Name));
        }
        else if (command.Subcommands.Count > 0)
        {
            what = "command";
            names = command.Subcommands.Where(static sub => !sub.Hidden).Select(static sub => sub.Name);
        }
        else
        {
            what = "argument";
            names = [];
        }

        var nearest = Nearest(token, names);
        return nearest is null
            ? $"unknown {what} '{token}' ({helpHint})"
            : $"unknown {what} '{token}'. Did you mean '{nearest}'?";
    }

    /// <summary>Finds the name nearest to a token: within a third of its length in edits (at least two), or that it begins.</summary>
    /// <param name="token">The token.</param>
    /// <param name="names">The names it may have meant.</param>
    /// <returns>The nearest name, or null when none is near.</returns>
    public static string? Nearest(string token, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(names);
        var limit = Math.Max(2, token.Length / 3);
        return names
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: name.StartsWith(token, StringComparison.OrdinalIgnoreCase) && token.TrimStart('-').Length >= 3 ? 0 : Distance(token.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(candidate => candidate.Distance <= limit)
            .OrderBy(static candidate => candidate.Distance)
            .ThenBy(static candidate => candidate.Name, StringComparer.Ordinal)
            .Select(static candidate => candidate.Name)
            .FirstOrDefault();
    }

    private static IEnumerable<Option> OptionsOf(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        foreach (var option in command.Options)
        {
            yield return option;
        }

        for (var parent = parseResult.CommandResult.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is System.CommandLine.Parsing.CommandResult result)
            {
                foreach (var option in result.Command.Options.Where(static option => option.Recursive))
                {
                    yield return option;
                }
            }
        }
    }

    /// <summary>The Levenshtein distance of two words.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
