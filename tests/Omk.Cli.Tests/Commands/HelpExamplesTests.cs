using System.Globalization;
using System.Text.RegularExpressions;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// Every example of <c>omk cost --help</c> that runs on this machine alone (not those that start an agent, reach a
/// server or name an id of the reader's own) runs as written, in one state folder, records first: each succeeds (a
/// budget's <c>|| echo over budget</c> may exit 3), and each that prints money prints a figure above $0.
/// </summary>
public sealed partial class HelpExamplesTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task CostHelpExamples_RunAsWritten_SucceedAndPrintANonZeroFigure()
    {
        var help = (await _omk.RunAsync("cost", "--help")).Out;
        var examples = Example().Matches(help).Select(static match => match.Groups["line"].Value.Trim()).Distinct().ToList();
        Assert.True(examples.Count >= 20, help);

        var runnable = examples
            .Where(static line => !Regex.IsMatch(line, @"^(run|sync|reset)\b|\$id|r3f9c2a1b7d4e5f60|release"))
            .OrderBy(static line => line.StartsWith("record", StringComparison.Ordinal) ? 0 : line.StartsWith("budget set", StringComparison.Ordinal) ? 1 : 2)
            .ToList();
        Assert.True(runnable.Count >= 15, string.Join('\n', runnable));

        foreach (var line in runnable)
        {
            var command = line.Split(" || ")[0];
            var result = await _omk.RunAsync(["cost", .. Words(command)]);

            var allowed = line.Contains(" || ", StringComparison.Ordinal) ? new[] { 0, 3 } : [0];
            Assert.True(allowed.Contains(result.ExitCode), $"omk cost {line}: exit {result.ExitCode}: {result.Error}");
            var figures = Money().Matches(result.Out).Select(static m => decimal.Parse(m.Groups["usd"].Value, CultureInfo.InvariantCulture)).ToList();
            if (figures.Count > 0)
            {
                Assert.True(figures.Max() > 0m, $"omk cost {line} printed only zero figures:\n{result.Out}");
            }
            else
            {
                Assert.True(line.StartsWith("budget set", StringComparison.Ordinal) || line.StartsWith("record", StringComparison.Ordinal), $"omk cost {line} printed no figure:\n{result.Out}");
            }
        }
    }

    /// <summary>Splits a command line as a shell would for these examples: words, and quoted text as one word.</summary>
    private static string[] Words(string command) =>
        [.. Word().Matches(command).Select(static match => match.Groups["single"].Success ? match.Groups["single"].Value : match.Groups["double"].Success ? match.Groups["double"].Value : match.Value)];

    [GeneratedRegex(@"^\s+omk cost (?<line>[a-z].*)$", RegexOptions.Multiline)]
    private static partial Regex Example();

    [GeneratedRegex(@"'(?<single>[^']*)'|""(?<double>[^""]*)""|\S+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?:\$|""[a-z_]*usd"":\s*)(?<usd>\d+(?:,\d{3})*(?:\.\d+)?)")]
    private static partial Regex Money();
}
