using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

public sealed class ProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly OmkProcess _omk;
    private readonly string _state;

    public ProcessTests()
    {
        _omk = new OmkProcess(_folder.Folder("home"));
        _state = Path.Combine(_folder.Path, "state");
        _omk.Environment["OMK_STATE_DIR"] = _state;
    }

    [Fact]
    public void OmkDll_IsCopiedNextToTheTests()
    {
        Assert.True(File.Exists(OmkProcess.OmkDll));
    }

    [Fact]
    public async Task Run_Version_PrintsTheVersionOnStandardOutput()
    {
        var result = await _omk.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Run_HelpOfCommand_ShowsExamples()
    {
        var result = await _omk.RunAsync("cost", "estimate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Examples:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Estimate_ExitsZeroWithTheLineOnStandardOutputOnly()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "60", "--workers", "2", "--iterations", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$0.0091 (2 workers, ~60s, ~2K tokens)\n", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Run_CorruptHistory_ExitsOneWithOneLineOnStandardError()
    {
        Directory.CreateDirectory(_state);
        File.WriteAllText(Path.Combine(_state, "costs.json"), CostFile.Corrupt);

        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Contains("line 4, column 5", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownFlag_ExitsTwoWithOneLineOnStandardError()
    {
        var result = await _omk.RunAsync("cost", "report", "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.StartsWith("omk: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BudgetExceeded_ExitsThreeWithStatusOnOutputAndTheErrorOnStandardError()
    {
        Directory.CreateDirectory(_state);
        File.WriteAllText(Path.Combine(_state, "costs.json"), CostFile.Reference);

        var result = await _omk.RunAsync("cost", "budget", "--limit", "1");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("Spent:     $5.50\nLimit:     $1.00\nRemaining: $0.00\n", result.Out);
        Assert.Equal("omk: budget exceeded: spent $5.50 of $1.00\n", result.Error);
    }

    [Fact]
    public async Task Run_ResetWithEmptyRedirectedInput_ExitsTwoAndKeepsTheHistory()
    {
        Directory.CreateDirectory(_state);
        var file = Path.Combine(_state, "costs.json");
        File.WriteAllText(file, CostFile.Reference);

        var result = await _omk.RunAsync("cost", "reset");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(CostFile.Reference, File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_OmkStateDir_KeepsTheHistoryThere()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(_state, "costs.json")));
    }

    [Fact]
    public async Task Run_XdgStateHome_KeepsTheHistoryInItsOmkFolder()
    {
        _omk.Environment.Remove("OMK_STATE_DIR");
        var xdg = Path.Combine(_folder.Path, "xdg");
        _omk.Environment["XDG_STATE_HOME"] = xdg;

        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.True(File.Exists(Path.Combine(xdg, "omk", "costs.json")));
    }

    [Fact]
    public async Task Run_NoStateVariables_KeepsTheHistoryUnderHome()
    {
        _omk.Environment.Remove("OMK_STATE_DIR");

        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.True(File.Exists(Path.Combine(_folder.Path, "home", ".local", "state", "omk", "costs.json")));
    }

    [Fact]
    public async Task Run_StateDirOption_WinsOverEveryVariable()
    {
        var xdg = Path.Combine(_folder.Path, "xdg");
        _omk.Environment["XDG_STATE_HOME"] = xdg;
        var chosen = Path.Combine(_folder.Path, "chosen");

        await _omk.RunAsync("--state-dir", chosen, "cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.True(File.Exists(Path.Combine(chosen, "costs.json")));
        Assert.False(Directory.Exists(_state));
        Assert.False(Directory.Exists(xdg));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "home", ".local")));
    }

    public void Dispose() => _folder.Dispose();
}
