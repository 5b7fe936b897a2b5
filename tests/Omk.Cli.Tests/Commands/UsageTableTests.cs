using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>Golden tests of the text tables of <c>omk cost usage kimi</c>.</summary>
public sealed class UsageTableTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public UsageTableTests()
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
    }

    [Fact]
    public async Task UsageKimi_ByDay_TableWithTotalsAndBars()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "day", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Kimi usage by day (Asia/Shanghai)
            Total cost: $0.0034

             Day          Sessions   Input   Cache read   Cache write   Output      Cost
            ────────────────────────────────────────────────────────────────────────────────────────────────────────
             2026-11-20          1   1,500        5,000             0      300   $0.0034   ████████████████████████
            ────────────────────────────────────────────────────────────────────────────────────────────────────────
             Total               1   1,500        5,000             0      300   $0.0034

            """,
            result.Out);
    }

    [Fact]
    public async Task UsageKimi_ByProject_TableWithoutBars()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "project");

        Assert.Equal(
            """
            Kimi usage by project
            Total cost: $0.0034

             Project       Sessions   Input   Cache read   Cache write   Output      Cost
            ────────────────────────────────────────────────────────────────────────────────
             /work/alpha          1   1,500        5,000             0      300   $0.0034
            ────────────────────────────────────────────────────────────────────────────────
             Total                1   1,500        5,000             0      300   $0.0034

            """,
            result.Out);
    }

    [Fact]
    public async Task UsageKimi_ColourForced_BoldHeaderAndTotals()
    {
        _omk.Variables["FORCE_COLOR"] = "1";

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "week", "--tz", "UTC");

        Assert.StartsWith("\u001b[1mKimi usage by week (UTC)\u001b[0m\n\u001b[1mTotal cost: $0.0034\u001b[0m\n", result.Out, StringComparison.Ordinal);
        Assert.Contains(" 2026-W47 ", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[1mTotal\u001b[0m", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[36m█", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageKimi_AndReport_AgreeOnTheCost()
    {
        await _omk.RunAsync("cost", "import", "kimi");

        var usage = await _omk.RunAsync("cost", "usage", "kimi", "--by", "project");
        var report = await _omk.RunAsync("cost", "report");

        Assert.Contains("Total cost: $0.0034", usage.Out, StringComparison.Ordinal);
        Assert.Contains("Total spent: $0.0034", report.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageKimi_EmptyWindow_SaysWhichWindow()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--since", "2026-11-21", "--until", "2026-11-28", "--tz", "Asia/Shanghai");

        Assert.Equal("No Kimi usage between 2026-11-21 and 2026-11-28 (Asia/Shanghai).\n", result.Out);
    }

    [Fact]
    public async Task UsageKimi_TopByDay_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "day", "--top", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --top applies to --by session, project or model", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
