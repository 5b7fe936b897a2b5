using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

/// <summary>What omk says about a command line it cannot run, and the words of its everyday messages.</summary>
public sealed class MessageTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Theory]
    [InlineData(new[] { "cost", "estimat", "team" }, "omk: unknown command 'estimat'. Did you mean 'estimate'?")]
    [InlineData(new[] { "cost", "reprot" }, "omk: unknown command 'reprot'. Did you mean 'report'?")]
    [InlineData(new[] { "cots", "report" }, "omk: unknown command 'cots'. Did you mean 'cost'?")]
    [InlineData(new[] { "cost", "report", "--bye", "day" }, "omk: unknown option '--bye'. Did you mean '--by'?")]
    [InlineData(new[] { "cost", "report", "--state-dri", "x" }, "omk: unknown option '--state-dri'. Did you mean '--state-dir'?")]
    [InlineData(new[] { "cost", "frobnicate" }, "omk: unknown command 'frobnicate' (see 'omk cost --help')")]
    public async Task Run_UnknownWord_ExitsTwoWithTheNearestName(string[] args, string message)
    {
        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.Equal(message, Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("Team")]
    [InlineData("TEAM")]
    [InlineData(" team")]
    public async Task Estimate_KindInAnyCase_IsThatKind(string kind)
    {
        var result = await _omk.RunAsync("cost", "estimate", kind, "--duration", "30m", "--workers", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("~$0.4095 (3 workers, ~1800s, ~117K tokens)\n", result.Out);
    }

    [Fact]
    public async Task Estimate_UnknownKind_ListsTheKindsWithoutTabs()
    {
        var result = await _omk.RunAsync("cost", "estimate", "swarm");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("omk: the kind of run must be team, autopilot, ralph or custom, not 'swarm' (see 'omk cost estimate --help')", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("Day")]
    [InlineData("NAME")]
    public async Task Report_ChoiceInAnyCase_IsThatChoice(string by)
    {
        var result = await _omk.RunAsync("cost", "report", "--by", by, "--json");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Help_ChoiceDefault_IsShownLowercase()
    {
        var report = await _omk.RunAsync("cost", "report", "--help");
        var usage = await _omk.RunAsync("cost", "usage", "kimi", "--help");

        Assert.Contains("[default: type]", report.Out, StringComparison.Ordinal);
        Assert.Contains("[default: day]", usage.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: Type]", report.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_OneWorker_SaysWorkerInTheSingular()
    {
        var result = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "1m");

        Assert.Equal("~$0.0035 (1 worker, ~60s, ~1K tokens)\n", result.Out);
    }

    [Theory]
    [InlineData("0", "estimate", "team")]
    [InlineData("0", "estimate", "custom")]
    [InlineData("0", "record", "--type", "team", "--name", "x", "--duration", "1m")]
    [InlineData("-3", "estimate", "team")]
    [InlineData("-3", "estimate", "custom")]
    [InlineData("-3", "record", "--type", "team", "--name", "x", "--duration", "1m")]
    public async Task Run_ZeroOrNegativeWorkers_ExitsTwoWithTheSameRule(string workers, params string[] args)
    {
        var result = await _omk.RunAsync(["cost", .. args, "--workers", workers]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"omk: --workers must be 1 to 1,000: a run has at least one worker, not '{workers}'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    public void Dispose() => _omk.Dispose();
}
