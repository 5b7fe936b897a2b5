using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class RecordCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task Record_Duration_StoresTheEstimateOfThatDuration()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "refactor-auth", "--duration", "60", "--workers", "2");

        Assert.Equal(0, result.ExitCode);
        var session = Assert.Single(StoredSessions());
        Assert.Equal("team", session.GetProperty("session_type").GetString());
        Assert.Equal("refactor-auth", session.GetProperty("name").GetString());
        var estimate = session.GetProperty("estimate");
        Assert.Equal(1950UL, estimate.GetProperty("input_tokens").GetUInt64());
        Assert.Equal(650UL, estimate.GetProperty("output_tokens").GetUInt64());
        Assert.Equal(0.0091m, estimate.GetProperty("estimated_usd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("actual_usd").ValueKind);
    }

    [Fact]
    public async Task Record_NameEndingInEquals_IsRecordedNotMistakenForAStoreAddress()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x=", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("x=", Assert.Single(StoredSessions()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Record_Duration_PrintsOneConfirmingLineNamingTheFile()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "refactor-auth", "--duration", "60", "--workers", "2");

        Assert.Equal($"Recorded team session \"refactor-auth\": ~$0.0091 (2 workers, ~60s, ~2K tokens) in {_omk.CostsFile}\n", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Record_ExactTokens_RoundTripsTheLargestTokenCounts()
    {
        var result = await _omk.RunAsync(
            "cost", "record", "--type", "ralph", "--name", "huge", "--input-tokens", "1000000000000", "--output-tokens", "1000000000000", "--tier", "budget");

        Assert.Equal(0, result.ExitCode);
        var estimate = Assert.Single(StoredSessions()).GetProperty("estimate");
        Assert.Equal(1_000_000_000_000UL, estimate.GetProperty("input_tokens").GetUInt64());
        Assert.Equal(1_000_000_000_000UL, estimate.GetProperty("output_tokens").GetUInt64());
        Assert.Equal("Budget", estimate.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Record_ExactTokens_PricesTheGivenCountsWithNoDuration()
    {
        await _omk.RunAsync("cost", "record", "--type", "ralph", "--name", "stories", "--input-tokens", "120000", "--output-tokens", "40000", "--tier", "premium");

        var estimate = Assert.Single(StoredSessions()).GetProperty("estimate");
        Assert.Equal(0UL, estimate.GetProperty("duration_secs").GetUInt64());
        Assert.Equal(1, estimate.GetProperty("worker_count").GetInt64());
        Assert.Equal(1.68m, estimate.GetProperty("estimated_usd").GetDecimal());
    }

    [Theory]
    [InlineData("--input-tokens", "10", "--duration", "60")]
    [InlineData("--input-tokens", "10", "--output-tokens", "10", "--duration", "60")]
    [InlineData("--input-tokens", "10", "--output-tokens", "10", "--workers", "2")]
    [InlineData("--input-tokens", "10", "--output-tokens", "10", "--iterations", "2")]
    [InlineData("--input-tokens", "10")]
    [InlineData("--output-tokens", "10")]
    [InlineData("--workers", "2")]
    [InlineData("--duration", "60", "--workers", "abc")]
    [InlineData("--duration", "60", "--input-tokens", "-1", "--output-tokens", "1")]
    [InlineData("--duration", "60", "--actual-usd", "-1")]
    [InlineData("--duration", "60", "--started-at", "last-week")]
    public async Task Record_WrongCombination_ExitsTwoAndWritesNoFile(params string[] options)
    {
        var result = await _omk.RunAsync(["cost", "record", "--type", "team", "--name", "x", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Record_OneTokenCountAlone_SaysTheyGoTogether()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--output-tokens", "10");

        Assert.StartsWith("omk: --input-tokens and --output-tokens go together", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--type")]
    [InlineData("--name")]
    public async Task Record_WithoutRequiredOption_ExitsTwoAndWritesNoFile(string missing)
    {
        string[] args = missing == "--type"
            ? ["cost", "record", "--name", "x", "--duration", "60"]
            : ["cost", "record", "--type", "team", "--duration", "60"];

        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Record_NoTimes_EndsNowAndStartsDurationEarlier()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "15m");

        var session = Assert.Single(StoredSessions());
        Assert.Equal("2026-11-20T10:00:00Z", session.GetProperty("ended_at").GetString());
        Assert.Equal("2026-11-20T09:45:00Z", session.GetProperty("started_at").GetString());
    }

    [Fact]
    public async Task Record_StartedAtOnly_EndsDurationLater()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "1h30m", "--started-at", "2026-11-19T08:00:00Z");

        var session = Assert.Single(StoredSessions());
        Assert.Equal("2026-11-19T08:00:00Z", session.GetProperty("started_at").GetString());
        Assert.Equal("2026-11-19T09:30:00Z", session.GetProperty("ended_at").GetString());
    }

    [Fact]
    public async Task Record_EndedAtOnly_StartsDurationEarlier()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "2h", "--ended-at", "2026-11-19T10:15:00+01:00");

        var session = Assert.Single(StoredSessions());
        Assert.Equal("2026-11-19T07:15:00Z", session.GetProperty("started_at").GetString());
        Assert.Equal("2026-11-19T09:15:00Z", session.GetProperty("ended_at").GetString());
    }

    [Fact]
    public async Task Record_EndedBeforeStarted_ExitsTwoAndWritesNoFile()
    {
        var result = await _omk.RunAsync(
            "cost", "record", "--type", "team", "--name", "x", "--duration", "60", "--started-at", "2026-11-20T09:00:00Z", "--ended-at", "2026-11-20T08:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --ended-at is before --started-at", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Record_ActualUsd_StoresTheActualCost()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60", "--actual-usd", "$1.25");

        Assert.Equal(1.25m, Assert.Single(StoredSessions()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Record_Json_PrintsTheStoredSession()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60", "--actual-usd", "0.5", "--json");

        var json = result.Json();
        JsonAssert.Keys(json, "session_type", "name", "started_at", "ended_at", "estimate", "actual_usd");
        JsonAssert.Keys(json.GetProperty("estimate"), "input_tokens", "output_tokens", "duration_secs", "worker_count", "estimated_usd", "tier");
        Assert.Equal(0.5m, json.GetProperty("actual_usd").GetDecimal());
        Assert.True(JsonElement.DeepEquals(Assert.Single(StoredSessions()), json));
    }

    [Fact]
    public async Task Record_SecondSession_AppendsAfterTheFirst()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "first", "--duration", "60");

        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "second", "--duration", "60");

        Assert.Equal(["first", "second"], StoredSessions().Select(session => session.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Record_AfterRustHistory_KeepsTheOldSessionsBytes()
    {
        _omk.WriteCostsFile(CostFile.Rust);

        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.Contains(CostFile.RustSession, File.ReadAllText(_omk.CostsFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_AfterRustHistory_LeavesAnArrayOfTwoSessions()
    {
        _omk.WriteCostsFile(CostFile.Rust);

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, StoredSessions().Length);
    }

    private JsonElement[] StoredSessions()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(_omk.CostsFile));
        return [.. document.RootElement.EnumerateArray().Select(element => element.Clone())];
    }

    public void Dispose() => _omk.Dispose();
}
