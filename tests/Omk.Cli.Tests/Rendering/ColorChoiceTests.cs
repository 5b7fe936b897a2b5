using System.IO.Abstractions.TestingHelpers;
using Omk.Cli.Hosting;
using Omk.Cli.Rendering;

namespace Omk.Cli.Tests.Rendering;

public sealed class ColorChoiceTests
{
    [Theory]
    [InlineData(true, false, null, null, null, true)]
    [InlineData(false, false, null, null, null, false)]
    [InlineData(true, true, null, null, null, false)]
    [InlineData(true, false, "1", null, null, false)]
    [InlineData(true, false, null, "dumb", null, false)]
    [InlineData(true, false, null, "xterm-256color", null, true)]
    [InlineData(false, false, null, null, "1", true)]
    [InlineData(false, false, "1", "dumb", "1", true)]
    [InlineData(true, false, null, null, "0", false)]
    [InlineData(false, true, null, null, "1", false)]
    public void IsEnabled_TerminalFlagAndVariables_DecideColour(bool terminal, bool noColorFlag, string? noColor, string? term, string? forceColor, bool expected)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term, ["FORCE_COLOR"] = forceColor };
        var environment = new CliEnvironment
        {
            Out = TextWriter.Null,
            Error = TextWriter.Null,
            In = TextReader.Null,
            InputIsTerminal = false,
            OutputIsTerminal = terminal,
            GetVariable = name => variables.GetValueOrDefault(name),
            HomeDirectory = "/home/user",
            FileSystem = new MockFileSystem(),
            TimeProvider = TimeProvider.System,
        };

        Assert.Equal(expected, ColorChoice.IsEnabled(environment, noColorFlag));
    }
}
