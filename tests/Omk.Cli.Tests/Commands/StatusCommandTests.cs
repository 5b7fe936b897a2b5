using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public StatusCommandTests()
    {
        _omk.Variables["OMK_TZ"] = "UTC";
    }

    [Fact]
    public async Task Status_EmptyState_PrintsZeroSpendAndExitsZero()
    {
        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk $0.00 today · $0.00 month\n", result.Out);
    }

    [Fact]
    public async Task Status_Sessions_AddsTodayAndThisMonthByStartInTheZone()
    {
        _omk.WriteCostsFile(Ledger(
            Session("2026-11-20T09:00:00Z", 1.25m, actual: null),
            Session("2026-11-19T23:30:00Z", 2m, actual: 3m),
            Session("2026-10-31T12:00:00Z", 10m, actual: null)));

        var utc = await _omk.RunAsync("cost", "status");
        var shanghai = await _omk.RunAsync("cost", "status", "--tz", "Asia/Shanghai");

        Assert.Equal("omk $1.25 today · $4.25 month\n", utc.Out);

        // 2026-11-19T23:30Z is 07:30 on the 20th in Shanghai, and 09:00Z is 17:00 there: both today.
        Assert.Equal("omk $4.25 today · $4.25 month\n", shanghai.Out);
    }

    [Fact]
    public async Task Status_Budget_ShowsItsSpendLimitAndShareWithTheReservation()
    {
        _omk.WriteCostsFile(Ledger(Session("2026-11-20T09:00:00Z", 41.80m, actual: null)));
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "budgets.json"), """
            {"budgets": [{"name": "monthly", "limit_usd": 50, "period": "month", "time_zone": "UTC"}]}
            """);
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "reservations.json"), """
            {"reservations": [{"id": "r1", "usd": 0.82, "created_at": "2026-11-20T09:30:00Z", "expires_at": "2026-11-20T12:00:00Z"}]}
            """);

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal("omk $41.80 today · $41.80/$50.00 month (85%) · $0.82 reserved\n", result.Out);
    }

    [Fact]
    public async Task Status_LiveKimiSession_CountsOnlyWhatTheLedgerDoesNotHold()
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
        _omk.Clock.SetUtcNow(KimiLogs.Start.AddMinutes(10));

        var before = (await _omk.RunAsync("cost", "status", "--json")).Json();
        await _omk.RunAsync("cost", "import", "kimi");
        var after = (await _omk.RunAsync("cost", "status", "--json")).Json();

        Assert.Equal(KimiLogs.CostUsd, before.GetProperty("kimi_live_usd").GetDecimal());
        Assert.Equal(1, before.GetProperty("kimi_live_sessions").GetInt32());
        Assert.Equal(0m, after.GetProperty("kimi_live_usd").GetDecimal());
        Assert.Equal(KimiLogs.CostUsd, after.GetProperty("today_usd").GetDecimal());
    }

    [Fact]
    public async Task Status_KimiSessionIdleForLong_IsNotLive()
    {
        var share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(share);
        _omk.Variables["KIMI_SHARE_DIR"] = share;
        _omk.Clock.SetUtcNow(KimiLogs.Start.AddMinutes(20));

        var json = (await _omk.RunAsync("cost", "status", "--json")).Json();

        Assert.Equal(0, json.GetProperty("kimi_live_sessions").GetInt32());
    }

    [Fact]
    public async Task Status_Json_HasTheStatusKeys()
    {
        var json = (await _omk.RunAsync("cost", "status", "--json")).Json();

        JsonAssert.Keys(json, "time_zone", "today_usd", "month_usd", "period", "period_usd", "limit_usd", "percent", "reserved_usd", "kimi_live_usd", "kimi_live_sessions", "session_id", "session_usd", "stale", "age_seconds");
    }

    [Fact]
    public async Task Status_Format_FillsTheTemplate()
    {
        _omk.WriteCostsFile(Ledger(Session("2026-11-20T09:00:00Z", 3.21m, actual: null)));

        var result = await _omk.RunAsync("cost", "status", "--format", "{{omk}} {today}/{period_name} [{limit}] {live_sessions}");

        Assert.Equal("{omk} $3.21/month [] 0\n", result.Out);
    }

    [Fact]
    public async Task Status_CorruptLedger_PrintsTheMarkerAndExitsZero()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);

        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk ?\n", result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Status_CorruptLedgerStrict_FailsWithTheStoreError()
    {
        _omk.WriteCostsFile(CostFile.Corrupt);

        var result = await _omk.RunAsync("cost", "status", "--strict");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("costs.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownPlaceholder_PrintsTheMarkerOrFailsWhenStrict()
    {
        var lenient = await _omk.RunAsync("cost", "status", "--format", "{nope}");
        var strict = await _omk.RunAsync("cost", "status", "--format", "{nope}", "--strict");

        Assert.Equal((0, "omk ?\n"), (lenient.ExitCode, lenient.Out));
        Assert.Equal(2, strict.ExitCode);
        Assert.Contains("unknown placeholder {nope}", strict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_LockHeldByAnotherWriter_DoesNotWait()
    {
        _omk.WriteCostsFile(Ledger(Session("2026-11-20T09:00:00Z", 1m, actual: null)));
        using var held = new FileStream(Path.Combine(_omk.StateDirectory, "costs.json.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        // A status that waited for the lock would wait the hour and never print the figures; one that does not wait
        // prints them however slowly a busy machine runs it (the runner's hang guard ends a wait that never ends).
        _omk.Variables[Hosting.EnvironmentVariables.LockTimeout] = "1h";
        var result = await _omk.RunAsync("cost", "status");

        Assert.Equal("omk $1.00 today · $1.00 month\n", result.Out);
    }

    public void Dispose() => _omk.Dispose();

    private static string Ledger(params string[] sessions) => "[\n" + string.Join(",\n", sessions) + "\n]\n";

    private static string Session(string startedAt, decimal estimated, decimal? actual) => $$"""
        {"session_type": "team", "name": "n", "started_at": "{{startedAt}}", "ended_at": null,
         "estimate": {"input_tokens": 1, "output_tokens": 1, "duration_secs": 0, "worker_count": 1, "estimated_usd": {{estimated}}, "tier": "Standard"},
         "actual_usd": {{(actual is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}}}
        """;
}
