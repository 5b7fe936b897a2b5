using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>Golden tests of the report's text tables.</summary>
public sealed class ReportTableTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task Report_ByDayWithActualCosts_TableWithSpentAndBars()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            OMK Cost Report by day (Asia/Shanghai)
            Window: all time
            Total spent: $5.50 (actual cost where known, else the estimate)

             Day          Sessions   Estimated   Actual   Spent
            ───────────────────────────────────────────────────────────────────────────────
             2026-11-18          1       $4.00        -   $4.00   ████████████████████████
             2026-11-20          1       $1.00    $0.50   $0.50   ███
             2026-12-02          1       $1.00        -   $1.00   ██████
            ───────────────────────────────────────────────────────────────────────────────
             Total               3       $6.00    $0.50   $5.50

            Sessions: 3

            """,
            result.Out);
    }

    [Fact]
    public async Task Report_ByTypeWithActualCost_TotalSpentAgreesWithBudget()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var report = await _omk.RunAsync("cost", "report", "--json");
        var budget = await _omk.RunAsync("cost", "budget", "--limit", "100", "--json");

        Assert.Equal(5.5m, report.Json().GetProperty("total_spent_usd").GetDecimal());
        Assert.Equal(budget.Json().GetProperty("spent_usd").GetDecimal(), report.Json().GetProperty("total_spent_usd").GetDecimal());
    }

    [Fact]
    public async Task Report_ColourForced_BoldHeadersAndTotalsAndTealBars()
    {
        _omk.WriteCostsFile(CostFile.Reference);
        _omk.Variables["FORCE_COLOR"] = "1";

        var result = await _omk.RunAsync("cost", "report", "--by", "month", "--tz", "UTC");

        Assert.StartsWith("\u001b[1mOMK Cost Report by month (UTC)\u001b[0m\nWindow: all time\n\u001b[1mTotal spent: $5.50", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[1mMonth\u001b[0m", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[1mTotal\u001b[0m", result.Out, StringComparison.Ordinal);
        Assert.Contains("\u001b[36m████████████████████████\u001b[0m", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("TERM", "dumb")]
    public async Task Report_OnATerminalWithColourTurnedOff_WritesNoEscape(string variable, string value)
    {
        _omk.WriteCostsFile(CostFile.Reference);
        _omk.OutputIsTerminal = true;
        _omk.Variables[variable] = value;

        var result = await _omk.RunAsync("cost", "report", "--by", "day");

        Assert.DoesNotContain('\u001b', result.Out);
    }

    [Fact]
    public async Task Report_OnATerminal_IsColouredUnlessNoColorIsGiven()
    {
        _omk.WriteCostsFile(CostFile.Reference);
        _omk.OutputIsTerminal = true;

        var coloured = await _omk.RunAsync("cost", "report", "--by", "day");
        var plain = await _omk.RunAsync("cost", "report", "--by", "day", "--no-color");

        Assert.Contains('\u001b', coloured.Out);
        Assert.DoesNotContain('\u001b', plain.Out);
    }

    [Fact]
    public async Task Report_CjkNames_AlignByDisplayWidth()
    {
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("kimi", "重构支付网关", "2026-11-18T09:00:00Z", 2.5m, 2.25m),
            CostFile.Session("kimi", "fix-login", "2026-11-18T10:00:00Z", 1655.0724m, 1655.0724m)));

        var result = await _omk.RunAsync("cost", "report", "--by", "name");

        Assert.Equal(
            """
            OMK Cost Report
            Window: all time
            Total spent: $1,657.32 (actual cost where known, else the estimate)

             Name           Sessions   Estimated      Actual       Spent
            ───────────────────────────────────────────────────────────────
             fix-login             1   $1,655.07   $1,655.07   $1,655.07
             重构支付网关          1       $2.50       $2.25       $2.25
            ───────────────────────────────────────────────────────────────
             Total                 2   $1,657.57   $1,657.32   $1,657.32

            Sessions: 2

            """,
            result.Out);
    }

    [Fact]
    public async Task Report_HundredDays_OneRowADayUnderTheTotal()
    {
        var sessions = Enumerable.Range(0, 100).Select(day => CostFile.Session(
            "team",
            $"s{day}",
            new DateTimeOffset(2026, 8, 1, 12, 0, 0, TimeSpan.Zero).AddDays(day).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            (day % 7) + 1m,
            (day % 7) + 1m));
        _omk.WriteCostsFile(CostFile.Of([.. sessions]));

        var lines = (await _omk.RunAsync("cost", "report", "--by", "day", "--tz", "UTC")).Out.Split('\n');

        var rows = lines.Where(line => line.StartsWith(" 2026-", StringComparison.Ordinal)).ToList();
        Assert.Equal(100, rows.Count);
        Assert.Equal(new string('█', 24), rows[6][^24..]);
        Assert.Single(lines, line => line.StartsWith(" Total ", StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Equal(rows[0].IndexOf("  $", StringComparison.Ordinal), row.IndexOf("  $", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Report_Top_ShowsTheMostExpensiveAndTotalsAll()
    {
        _omk.WriteCostsFile(CostFile.ReferenceEstimates);

        var text = await _omk.RunAsync("cost", "report", "--by", "name", "--top", "1");
        var json = await _omk.RunAsync("cost", "report", "--by", "name", "--top", "1", "--json");

        Assert.Contains(" refactor-auth ", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("docs", text.Out, StringComparison.Ordinal);
        Assert.Contains("Sessions: 3 (the top 1 of 3 names shown)", text.Out, StringComparison.Ordinal);
        Assert.Single(json.Json().GetProperty("groups").EnumerateArray());
        Assert.Equal(3, json.Json().GetProperty("sessions").GetInt64());
    }

    [Theory]
    [InlineData("0", "--top must be 1 or more")]
    [InlineData("x", "--top")]
    public async Task Report_BadTop_ExitsTwo(string value, string message)
    {
        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--top", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TopByDay_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--top", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --top applies to --by type or name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Csv_HeaderOfTheJsonFieldsAndCrLfRows()
    {
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("team", "a, \\\"quoted\\\" name", "2026-11-18T09:00:00Z", 4m),
            CostFile.Session("team", "plain", "2026-11-19T09:00:00Z", 1m, 0.5m)));

        var result = await _omk.RunAsync("cost", "report", "--by", "name", "--csv");

        Assert.Equal(
            "key,start,end,sessions,input_tokens,output_tokens,estimated_usd,actual_usd,spent_usd,window_start,window_end\r\n"
            + "\"a, \"\"quoted\"\" name\",,,1,1000,100,4,,4,,\r\n"
            + "plain,,,1,1000,100,1,0.5,0.5,,\r\n",
            result.Out);
    }

    [Fact]
    public async Task Report_CsvByDay_StartAndEndWithTheZonesOffset()
    {
        _omk.WriteCostsFile(CostFile.Reference);

        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--csv", "--tz", "America/Los_Angeles");

        Assert.Contains("\r\n2026-11-18,2026-11-18T00:00:00-08:00,2026-11-19T00:00:00-08:00,1,", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_JsonAndCsv_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "report", "--json", "--csv");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --json and --csv exclude each other", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
