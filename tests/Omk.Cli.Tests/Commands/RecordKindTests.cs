using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class RecordKindTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task Record_TeamType_GivesTheFigureOfATeamEstimate()
    {
        var estimate = await _omk.RunAsync("cost", "estimate", "team", "--duration", "30m", "--workers", "3");
        var record = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "30m", "--workers", "3", "--actual-usd", "1.25");

        Assert.Equal("~$0.4095 (3 workers, ~1800s, ~117K tokens)\n", estimate.Out);
        Assert.Equal($"Recorded team session \"x\": ~$0.4095 (3 workers, ~1800s, ~117K tokens), actual $1.25 in {_omk.CostsFile}\n", record.Out);
    }

    [Fact]
    public async Task Record_StartAndEndWithoutDuration_TakesTheDurationFromThem()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "custom", "--name", "y", "--started-at", "2026-11-20T09:00:00Z", "--ended-at", "2026-11-20T09:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("~1800s", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_DurationDisagreeingWithStartAndEnd_ExitsTwoAndWritesNothing()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "custom", "--name", "y", "--started-at", "2026-11-20T09:00:00Z", "--ended-at", "2026-11-20T09:30:00Z", "--duration", "10m");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --duration 600s does not match --started-at to --ended-at (1800s)", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    public void Dispose() => _omk.Dispose();
}
