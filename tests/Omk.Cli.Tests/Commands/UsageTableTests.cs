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
            Window: all time
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
            Window: all time
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

        Assert.StartsWith("\u001b[1mKimi usage by week (UTC)\u001b[0m\nWindow: all time\n\u001b[1mTotal cost: $0.0034\u001b[0m\n", result.Out, StringComparison.Ordinal);
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

    [Fact]
    public async Task UsageKimi_BySession_RowsCarryStartTitleProjectAndModelAlignedOnCjk()
    {
        AddCjkSession();

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Kimi usage by session (Asia/Shanghai)
            Window: all time
            Total cost: $0.10

             Started            Session      Title          Project                  Model        Input   Cache read   Cache write   Output      Cost
            ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
             2026-11-20 18:00   sess-a       Fix login      /work/alpha              kimi-k2.6    1,500        5,000             0      300   $0.0034
             2026-11-24 07:30   sess-cjk     修复登录超时   /home/li/项目/支付系统   kimi-k2.6   20,000      390,000             0    4,300     $0.10
            ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
             Total              2 sessions                                                       21,500      395,000             0    4,600     $0.10

            """,
            result.Out);
    }

    [Fact]
    public async Task UsageKimi_ByProjectWithACjkPath_ColumnsAlignedByDisplayWidth()
    {
        AddCjkSession();

        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "project");

        Assert.Equal(
            """
            Kimi usage by project
            Window: all time
            Total cost: $0.10

             Project                  Sessions    Input   Cache read   Cache write   Output      Cost
            ────────────────────────────────────────────────────────────────────────────────────────────
             /home/li/项目/支付系统          1   20,000      390,000             0    4,300     $0.10
             /work/alpha                     1    1,500        5,000             0      300   $0.0034
            ────────────────────────────────────────────────────────────────────────────────────────────
             Total                           2   21,500      395,000             0    4,600     $0.10

            """,
            result.Out);
    }

    [Fact]
    public async Task UsageKimi_BySessionTopOne_JsonCsvAndTextShowTheSameSession()
    {
        AddCjkSession();

        var text = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--top", "1");
        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--top", "1", "--json")).Json();
        var csv = await _omk.RunAsync("cost", "usage", "kimi", "--by", "session", "--top", "1", "--csv");

        var group = Assert.Single(json.GetProperty("groups").EnumerateArray());
        Assert.Equal("sess-cjk", group.GetProperty("key").GetString());
        Assert.Contains(" sess-cjk ", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(" sess-a ", text.Out, StringComparison.Ordinal);
        Assert.Equal(2, csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("sess-cjk,修复登录超时,", csv.Out.Split("\r\n")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageKimi_JsonByDay_GivesTheZoneAndEachDaysBoundsWithItsOffset()
    {
        AddCjkSession();

        var json = (await _omk.RunAsync("cost", "usage", "kimi", "--json", "--tz", "America/Los_Angeles")).Json();

        Assert.Equal("America/Los_Angeles", json.GetProperty("time_zone").GetString());
        var days = json.GetProperty("groups").EnumerateArray().Select(day => (day.GetProperty("key").GetString(), day.GetProperty("start").GetString(), day.GetProperty("end").GetString())).ToList();
        Assert.Equal(
            [("2026-11-20", "2026-11-20T00:00:00-08:00", "2026-11-21T00:00:00-08:00"), ("2026-11-23", "2026-11-23T00:00:00-08:00", "2026-11-24T00:00:00-08:00")],
            days);
    }

    [Fact]
    public async Task UsageKimi_CsvByWeek_OneHeaderRowAndTheJsonFieldsOfEachWeek()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--by", "week", "--csv", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "key,title,started_at,project,model,model_source,forked_from,start,end,sessions,input_other_tokens,cache_read_tokens,cache_creation_tokens,output_tokens,cost_usd,priced_cost_usd,unpriced,retries,window_start,window_end\r\n" +
            "2026-W47,,,,,,,2026-11-16T00:00:00+08:00,2026-11-23T00:00:00+08:00,1,1500,5000,0,300,0.003425,0.003425,,0,,\r\n",
            result.Out);
    }

    [Fact]
    public async Task UsageKimi_CsvAndJson_ExitsTwoNamingBoth()
    {
        var result = await _omk.RunAsync("cost", "usage", "kimi", "--csv", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("omk: --json and --csv exclude each other (see 'omk cost usage kimi --help')\n", result.Error);
        Assert.Empty(result.Out);
    }

    /// <summary>A session in a project with a CJK path and title, started at 23:30 UTC: the next day in Shanghai.</summary>
    private void AddCjkSession() => KimiLogs.AddSession(
        _omk.Folder.Combine("kimi"),
        "/home/li/项目/支付系统",
        "sess-cjk",
        "修复登录超时",
        new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero),
        (12_000, 2_400, 180_000),
        (8_000, 1_900, 210_000));

    public void Dispose() => _omk.Dispose();
}
