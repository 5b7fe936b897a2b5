using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task Report_NoHistory_SaysNoCostDataYet()
    {
        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No cost data recorded yet.\n", result.Out);
    }

    [Fact]
    public async Task Report_NoHistory_CreatesNoFile()
    {
        await _omk.RunAsync("cost", "report");

        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Report_FormatReference_PrintsTheReferenceShapeByType()
    {
        _omk.WriteCostsFile(CostFile.ReferenceEstimates);

        var result = await _omk.RunAsync("cost", "report", "--format", "reference");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            OMK Cost Report
            Total estimated: ~$6.0000

            By session type:
              team                 $4.0000
              autopilot            $2.0000

            Sessions: 3

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Theory]
    [InlineData("name", "By name:", "refactor-auth")]
    [InlineData("type", "By session type:", "autopilot")]
    public async Task Report_By_GroupsByThatKey(string by, string title, string key)
    {
        _omk.WriteCostsFile(CostFile.ReferenceEstimates);

        var result = await _omk.RunAsync("cost", "report", "--by", by, "--format", "reference");

        Assert.Contains($"\n{title}\n", result.Out, StringComparison.Ordinal);
        Assert.Contains($"\n  {key,-20} $", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ByDay_GroupsEachUtcDay()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--json");

        Assert.Equal(["2026-11-18", "2026-11-19", "2026-12-02"], GroupKeys(result.Json()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_ByMonth_GroupsEachUtcMonth()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "month", "--json");

        Assert.Equal(["2026-11", "2026-12"], GroupKeys(result.Json()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_BadBy_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "report", "--by", "hour");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--by", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SinceDate_KeepsSessionsFromThatMidnight()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--since", "2026-11-19", "--json");

        Assert.Equal(["docs", "release"], GroupKeys(result.Json()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_UntilDate_IncludesThatWholeDay()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--until", "2026-11-19", "--json");

        Assert.Equal(["docs", "refactor-auth"], GroupKeys(result.Json()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_UntilTimestamp_ExcludesThatMoment()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--until", "2026-11-19T23:59:59Z", "--json");

        Assert.Equal(["refactor-auth"], GroupKeys(result.Json()));
    }

    [Fact]
    public async Task Report_SinceTimestamp_IncludesThatMoment()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--since", "2026-11-19T23:59:59Z", "--until", "2026-11-30", "--json");

        Assert.Equal(["docs"], GroupKeys(result.Json()));
    }

    [Fact]
    public async Task Report_BadSince_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "report", "--since", "last-week");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--since", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Json_HasExactlyTheReportKeys()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var json = (await _omk.RunAsync("cost", "report", "--json")).Json();

        JsonAssert.Keys(json, "sessions", "input_tokens", "output_tokens", "total_estimated_usd", "total_actual_usd", "total_spent_usd", "time_zone", "window", "groups");
        foreach (var group in json.GetProperty("groups").EnumerateArray())
        {
            JsonAssert.Keys(group, "key", "start", "end", "sessions", "input_tokens", "output_tokens", "estimated_usd", "actual_usd", "spent_usd");
        }
    }

    [Fact]
    public async Task Report_Json_HasTheTotals()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var json = (await _omk.RunAsync("cost", "report", "--json")).Json();

        Assert.Equal(3, json.GetProperty("sessions").GetInt64());
        Assert.Equal(3000UL, json.GetProperty("input_tokens").GetUInt64());
        Assert.Equal(300UL, json.GetProperty("output_tokens").GetUInt64());
        Assert.Equal(6m, json.GetProperty("total_estimated_usd").GetDecimal());
        Assert.Equal(0.5m, json.GetProperty("total_actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Report_Json_HasTheGroupsHighestCostFirst()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var groups = (await _omk.RunAsync("cost", "report", "--json")).Json().GetProperty("groups").EnumerateArray().ToArray();

        Assert.Equal(["team", "autopilot"], groups.Select(group => group.GetProperty("key").GetString()));
        Assert.Equal(4m, groups[0].GetProperty("estimated_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, groups[0].GetProperty("actual_usd").ValueKind);
        Assert.Equal(2, groups[1].GetProperty("sessions").GetInt64());
        Assert.Equal(0.5m, groups[1].GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Report_JsonOfNoHistory_HasZeroTotalsAndNoGroups()
    {
        var json = (await _omk.RunAsync("cost", "report", "--json")).Json();

        Assert.Equal(0, json.GetProperty("sessions").GetInt64());
        Assert.Equal(0m, json.GetProperty("total_estimated_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("total_actual_usd").ValueKind);
        Assert.Equal(0, json.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Report_RustHistory_PrintsItsSession()
    {
        _omk.WriteCostsFile(CostFile.Rust);

        var result = await _omk.RunAsync("cost", "report", "--format", "reference");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Total estimated: ~$0.0091\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  team                 $0.0091\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Sessions: 1\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_RustHistoryAsJson_ReadsTokensAndNulls()
    {
        _omk.WriteCostsFile(CostFile.Rust);

        var json = (await _omk.RunAsync("cost", "report", "--json")).Json();

        Assert.Equal(1950UL, json.GetProperty("input_tokens").GetUInt64());
        Assert.Equal(650UL, json.GetProperty("output_tokens").GetUInt64());
        Assert.Equal(0.0091m, json.GetProperty("total_estimated_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("total_actual_usd").ValueKind);
    }

    [Fact]
    public async Task Report_RustHistoryByDay_DatesTheNanosecondTimestamp()
    {
        _omk.WriteCostsFile(CostFile.Rust);

        var json = (await _omk.RunAsync("cost", "report", "--by", "day", "--since", "2026-11-20T09:15:02Z", "--until", "2026-11-20T09:15:03Z", "--json")).Json();

        Assert.Equal(["2026-11-20"], GroupKeys(json));
    }

    private static string[] GroupKeys(JsonElement report) =>
        [.. report.GetProperty("groups").EnumerateArray().Select(group => group.GetProperty("key").GetString()!)];

    public void Dispose() => _omk.Dispose();
}
