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

    [Fact]
    public async Task Report_OnATerminal_IsColouredAndThroughAPipeIsNot()
    {
        using var folder = new TempFolder();
        var state = folder.Folder("state");
        File.WriteAllText(Path.Combine(state, "costs.json"), CostFile.Reference);
        var variables = new Dictionary<string, string> { ["HOME"] = folder.Path, ["OMK_STATE_DIR"] = state };

        var terminal = await PseudoTerminal.RunAsync(variables, "cost", "report", "--by", "day", "--tz", "UTC");
        var pipe = new OmkProcess(folder.Path);
        pipe.Environment["OMK_STATE_DIR"] = state;
        pipe.Environment["TERM"] = "xterm-256color";
        pipe.Environment.Remove("NO_COLOR");
        pipe.Environment.Remove("FORCE_COLOR");
        var piped = await pipe.RunAsync("cost", "report", "--by", "day", "--tz", "UTC");

        Assert.StartsWith("\u001b[1mOMK Cost Report by day (UTC)\u001b[0m\n", terminal, StringComparison.Ordinal);
        Assert.Contains("\u001b[36m", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[?1h", terminal, StringComparison.Ordinal);
        Assert.StartsWith("OMK Cost Report by day (UTC)\n", piped.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', piped.Out);
        Assert.DoesNotContain('\u001b', piped.Error);
    }

    [Fact]
    public async Task Report_OnATerminalWithNoColor_WritesNoEscapeAtAll()
    {
        using var folder = new TempFolder();
        var state = folder.Folder("state");
        File.WriteAllText(Path.Combine(state, "costs.json"), CostFile.Reference);

        var terminal = await PseudoTerminal.RunAsync(new Dictionary<string, string> { ["HOME"] = folder.Path, ["OMK_STATE_DIR"] = state }, "cost", "report", "--by", "day", "--no-color");

        Assert.StartsWith("OMK Cost Report by day", terminal, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', terminal);
    }
}
