using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

public sealed class PseudoTerminalTests
{
    [Fact]
    public async Task Run_OnATerminal_WritesNoTerminalSetUpSequence()
    {
        using var folder = new TempFolder();

        var output = await PseudoTerminal.RunAsync(new Dictionary<string, string> { ["HOME"] = folder.Path }, "cost", "estimate", "team", "--duration", "30m", "--workers", "3");

        Assert.Equal("~$0.4095 (3 workers, ~1800s, ~117K tokens)\n", output);
    }
}
