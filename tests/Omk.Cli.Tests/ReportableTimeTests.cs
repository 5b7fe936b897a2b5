using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests;

/// <summary>
/// A time no report can place (the year 9999 has no next month) is refused where it enters: a costs.json that holds
/// one is named with its line, a Kimi log line that carries one is skipped with its file and line, and no report by
/// period fails with "Value to add was out of range".
/// </summary>
public sealed class ReportableTimeTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    public async Task ReportByPeriod_CostsJsonWithASessionInTheYear9999_FailsNamingTheFileItsLineAndTheRange(string by)
    {
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("team", "now", "2026-11-20T09:00:00Z", 1m),
            CostFile.Session("team", "far", "9999-12-31T23:00:00Z", 1m)));

        var result = await _omk.RunAsync("cost", "report", "--by", by);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: {_omk.CostsFile} is not a readable cost history at line ", line, StringComparison.Ordinal);
        Assert.Contains("\"started_at\" must be a time from 1970-01-01 to 9998-12-31 (UTC)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("out of range", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("day")]
    [InlineData("month")]
    public async Task UsageKimi_LogLineInTheYear9999_IsSkippedWithItsFileAndLineAndTheRestIsReported(string by)
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        var wire = Directory.GetFiles(share, "wire.jsonl", SearchOption.AllDirectories).Single();
        File.AppendAllText(wire, KimiLogs.Status(new DateTimeOffset(9999, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), 100, 10, 0, "m-far") + "\n");
        _omk.Variables["KIMI_SHARE_DIR"] = share;

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", by, "--json");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.ErrorLines);
        Assert.Contains(wire, warning, StringComparison.Ordinal);
        Assert.Contains("line 5", warning, StringComparison.Ordinal);
        Assert.Contains("usage without a valid timestamp", warning, StringComparison.Ordinal);
        Assert.Equal(KimiLogs.CostUsd, result.Json().GetProperty("cost_usd").GetDecimal());
    }

    public void Dispose() => _omk.Dispose();
}
