using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class ResetCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public ResetCommandTests() => _omk.WriteCostsFile(CostFile.Reference);

    [Fact]
    public async Task Reset_Yes_EmptiesTheHistory()
    {
        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Removed 3 sessions ($5.50) from {_omk.CostsFile}.\n", result.Out);
        Assert.Equal("No cost data recorded yet.\n", (await _omk.RunAsync("cost", "report")).Out);
    }

    [Fact]
    public async Task Reset_NoHistory_SaysSoAndCreatesNothing()
    {
        File.Delete(_omk.CostsFile);

        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"No cost history at {_omk.CostsFile}: nothing to reset.\n", result.Out);
        Assert.False(File.Exists(_omk.CostsFile));
        Assert.False(File.Exists(_omk.CostsFile + ".lock"));
    }

    [Fact]
    public async Task Reset_NoYesWithoutTerminal_ExitsTwoAndLeavesTheFile()
    {
        var before = File.ReadAllBytes(_omk.CostsFile);

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: reset needs --yes", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_omk.CostsFile));
    }

    [Theory]
    [InlineData("y\n")]
    [InlineData("YES\n")]
    public async Task Reset_TerminalAnswersYes_EmptiesTheHistory(string answer)
    {
        _omk.InputIsTerminal = true;
        _omk.Input = answer;

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Removed 3 sessions", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_TerminalAsks_PromptsOnStandardError()
    {
        _omk.InputIsTerminal = true;
        _omk.Input = "n\n";

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal($"Remove 3 sessions ($5.50) from {_omk.CostsFile}? [y/N] ", result.Error);
    }

    [Fact]
    public async Task Reset_OneSession_SaysSessionInTheSingular()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "only", "2026-11-18T09:00:00Z", 0.0091m)));

        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal($"Removed 1 session ($0.0091) from {_omk.CostsFile}.\n", result.Out);
    }

    [Fact]
    public async Task Reset_TerminalAsksOfAnUnreadableFile_SaysItMovesItAside()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);
        _omk.InputIsTerminal = true;
        _omk.Input = "n\n";

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal($"{_omk.CostsFile} is not a readable cost history: move it aside and start an empty one? [y/N] ", result.Error);
        Assert.Equal(CostFile.Corrupt, File.ReadAllText(_omk.CostsFile));
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("\n")]
    [InlineData("")]
    public async Task Reset_TerminalAnswersNo_RemovesNothing(string answer)
    {
        _omk.InputIsTerminal = true;
        _omk.Input = answer;
        var before = File.ReadAllBytes(_omk.CostsFile);

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Nothing removed.\n", result.Out);
        Assert.Equal(before, File.ReadAllBytes(_omk.CostsFile));
    }

    [Fact]
    public async Task Reset_CorruptHistory_MovesItAsideByteIdentical()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);
        var before = File.ReadAllBytes(_omk.CostsFile);

        await _omk.RunAsync("cost", "reset", "--yes");

        var aside = Path.Combine(_omk.StateDirectory, "costs.json.corrupt-20261120T100000Z");
        Assert.Equal(before, File.ReadAllBytes(aside));
    }

    [Fact]
    public async Task Reset_CorruptHistory_SaysWhereItMovedTheFile()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);

        var result = await _omk.RunAsync("cost", "reset", "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"{_omk.CostsFile} was not a readable cost history: moved it to {_omk.CostsFile}.corrupt-20261120T100000Z and started an empty history.\n",
            result.Out);
    }

    [Fact]
    public async Task Reset_CorruptHistory_LeavesAnEmptyHistory()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);

        await _omk.RunAsync("cost", "reset", "--yes");

        var report = await _omk.RunAsync("cost", "report");
        Assert.Equal(0, report.ExitCode);
        Assert.Equal("No cost data recorded yet.\n", report.Out);
    }

    public void Dispose() => _omk.Dispose();
}
