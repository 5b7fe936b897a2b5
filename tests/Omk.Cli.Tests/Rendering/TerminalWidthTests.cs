using Omk.Cli.Rendering;
using Omk.Cli.Tests.Fixtures;
using Spectre.Console;

namespace Omk.Cli.Tests.Rendering;

/// <summary>
/// Tables on a real pseudo-terminal of 60, 80 and 120 columns: each line fits the width in terminal cells (CJK takes
/// two), long texts are shortened in the middle with …, and off a terminal or with --wide the table is whole.
/// </summary>
public sealed class TerminalWidthTests : IDisposable
{
    private static readonly string LongPath = "/srv/build/" + string.Join('/', Enumerable.Repeat("very-long-folder-name", 9)) + "/service";

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _variables;

    public TerminalWidthTests()
    {
        var share = _folder.Folder("kimi");
        KimiLogs.Write(share);
        KimiLogs.AddSession(share, "/home/li/项目/支付系统", "sess-cjk", "修复登录超时并且重构支付网关的重试逻辑", new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero), (12_000, 2_400, 180_000));
        KimiLogs.AddSession(share, LongPath, "5f0c2a9e-3b1d-4c1e-9a57-2d8e61c0b7a4", "Reconcile invoices nightly across every region 🌏", new DateTimeOffset(2026, 11, 26, 14, 0, 0, TimeSpan.Zero), (14_000, 2_300, 165_000));
        _variables = new Dictionary<string, string> { ["HOME"] = _folder.Path, ["KIMI_SHARE_DIR"] = share, ["OMK_STATE_DIR"] = _folder.Folder("state"), ["NO_COLOR"] = "1" };
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    public async Task UsageBySession_OnATerminal_FitsItsWidth(int columns)
    {
        var output = await PseudoTerminal.RunAsync(_variables, columns, "cost", "usage", "kimi", "--by", "session", "--tz", "Asia/Shanghai");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains("Cost", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.GetCellWidth() <= columns, $"{line.GetCellWidth()} cells: {line}"));
        Assert.Contains("$0.10", output, StringComparison.Ordinal);
        Assert.DoesNotContain(LongPath, output, StringComparison.Ordinal);
        Assert.Contains("…", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    public async Task UsageByProject_OnATerminal_ShortensTheLongPathInTheMiddle(int columns)
    {
        var output = await PseudoTerminal.RunAsync(_variables, columns, "cost", "usage", "kimi", "--by", "project");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.GetCellWidth() <= columns, $"{line.GetCellWidth()} cells: {line}"));
        Assert.Contains(lines, line => line.Contains("/srv/", StringComparison.Ordinal) && line.Contains("…", StringComparison.Ordinal) && line.Contains("service", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("系统", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(120)]
    public async Task BudgetCheckAndList_LongCjkName_FitTheWidth(int columns)
    {
        var omk = Omk();
        const string Name = "平台工程团队每月预算-platform-engineering-monthly-budget-for-shanghai";
        Assert.Equal(0, (await omk.RunAsync("cost", "budget", "set", Name, "--limit", "100", "--period", "month")).ExitCode);
        Assert.Equal(0, (await omk.RunAsync("cost", "gate", "--usd", "2")).ExitCode);

        foreach (var command in new[] { "check", "list" })
        {
            var output = await PseudoTerminal.RunAsync(_variables, columns, "cost", "budget", command);

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(lines, line => Assert.True(line.GetCellWidth() <= columns, $"budget {command}: {line.GetCellWidth()} cells: {line}"));
            Assert.Contains("$100.00", output, StringComparison.Ordinal);
            Assert.Contains(lines, line => line.Contains("平台", StringComparison.Ordinal) && line.Contains("…", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public async Task Reservations_LongName_FitTheWidth(int columns)
    {
        var omk = Omk();
        var id = (await omk.RunAsync("cost", "gate", "--usd", "2", "--name", "nightly-release-train-of-the-payments-platform-with-every-region")).Out.Trim();

        var output = await PseudoTerminal.RunAsync(_variables, columns, "cost", "reservations");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.GetCellWidth() <= columns, $"{line.GetCellWidth()} cells: {line}"));
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.Contains("$2.00", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageBySession_Wide_ShowsTheTableWhole()
    {
        var output = await PseudoTerminal.RunAsync(_variables, 80, "cost", "usage", "kimi", "--by", "session", "--wide");

        Assert.Contains(LongPath, output, StringComparison.Ordinal);
        Assert.Contains("Cache write", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageBySession_OffATerminal_ShowsTheTableWhole()
    {
        var omk = new OmkProcess(_folder.Path);
        foreach (var (name, value) in _variables)
        {
            omk.Environment[name] = value;
        }

        omk.Environment["COLUMNS"] = "60";
        var result = await omk.RunAsync("cost", "usage", "kimi", "--by", "session");

        Assert.Contains(LongPath, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("…", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/home/li/项目/支付系统/服务", 12, "/home/…/服务")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, "abcde…wxyz")]
    [InlineData("short", 10, "short")]
    public void ShortenMiddle_KeepsBothEndsWithinTheCells(string text, int cells, string expected)
    {
        var shortened = TableFitter.ShortenMiddle(text, cells);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.GetCellWidth() <= cells);
    }

    public void Dispose() => _folder.Dispose();

    private OmkProcess Omk()
    {
        var omk = new OmkProcess(_folder.Path);
        foreach (var (name, value) in _variables)
        {
            omk.Environment[name] = value;
        }

        return omk;
    }
}
