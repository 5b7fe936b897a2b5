using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class BudgetPolicyCommandsTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task Set_NewBudget_SaysWhatWasSetAndWritesBudgetsJsonWithTheZone()
    {
        var result = await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100", "--period", "month", "--type", "team", "--warn-at", "80%", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Set budget \"monthly\": $100.00 a month (Asia/Shanghai), for team sessions, warning at 80%\n", result.Out);
        var budget = Assert.Single(ReadBudgets().GetProperty("budgets").EnumerateArray());
        Assert.Equal("Asia/Shanghai", budget.GetProperty("time_zone").GetString());
        Assert.Equal("month", budget.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Set_SameNameAgain_SaysReplaced()
    {
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100");

        var result = await _omk.RunAsync("cost", "budget", "set", "MONTHLY", "--limit", "50");

        Assert.StartsWith("Replaced budget \"MONTHLY\": $50.00 in all", result.Out, StringComparison.Ordinal);
        Assert.Single(ReadBudgets().GetProperty("budgets").EnumerateArray());
    }

    [Theory]
    [InlineData("--warn-at", "0")]
    [InlineData("--warn-at", "101")]
    [InlineData("--period", "year")]
    [InlineData("--limit", "-1")]
    public async Task Set_BadValue_ExitsTwoAndWritesNothing(string option, string value)
    {
        var args = new List<string> { "cost", "budget", "set", "monthly", "--limit", "10", option, value };

        var result = await _omk.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_omk.StateDirectory, "budgets.json")));
    }

    [Fact]
    public async Task Set_WithoutLimit_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "budget", "set", "monthly");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Budgets_ShowsATableInTheOrderSet()
    {
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100", "--period", "month", "--tz", "UTC");
        await _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "5", "--period", "day", "--type", "ralph", "--warn-at", "90", "--tz", "America/New_York");

        var result = await _omk.RunAsync("cost", "budget", "list");

        Assert.Equal(
            """
             Budget      Limit   Period   Type    Warn at   Time zone
            ───────────────────────────────────────────────────────────────────
             monthly   $100.00   month    any           -   UTC
             daily       $5.00   day      ralph       90%   America/New_York

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            result.Out);
    }

    [Fact]
    public async Task List_Json_PrintsEveryField()
    {
        await _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "5", "--period", "day", "--type", "ralph", "--warn-at", "90", "--tz", "UTC");

        var result = await _omk.RunAsync("cost", "budget", "list", "--json");

        var budget = Assert.Single(result.Json().GetProperty("budgets").EnumerateArray());
        JsonAssert.Keys(budget, "name", "limit_usd", "period", "session_type", "warn_at_percent", "time_zone");
        Assert.Equal(("daily", 5m, "day", "ralph", 90m, "UTC"), (
            budget.GetProperty("name").GetString(),
            budget.GetProperty("limit_usd").GetDecimal(),
            budget.GetProperty("period").GetString(),
            budget.GetProperty("session_type").GetString(),
            budget.GetProperty("warn_at_percent").GetDecimal(),
            budget.GetProperty("time_zone").GetString()));
    }

    [Fact]
    public async Task List_NoBudgets_SaysHowToSetOne()
    {
        var result = await _omk.RunAsync("cost", "budget", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("No budgets set.", result.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_omk.StateDirectory));
    }

    [Fact]
    public async Task Remove_ExistingBudget_RemovesIt()
    {
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100");

        var result = await _omk.RunAsync("cost", "budget", "remove", "monthly");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(ReadBudgets().GetProperty("budgets").EnumerateArray());
    }

    [Fact]
    public async Task Remove_UnknownBudget_ExitsTwoPointingToTheList()
    {
        var result = await _omk.RunAsync("cost", "budget", "remove", "monthly");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("omk: there is no budget named \"monthly\" (see 'omk cost budget list')", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Check_SpendAndReservations_ShowsFiguresPeriodAndBar()
    {
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("team", "a", "2026-11-02T09:00:00Z", 2m, actualUsd: 3m),
            CostFile.Session("team", "old", "2026-10-31T09:00:00Z", 50m)));
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month", "--tz", "UTC");
        await _omk.RunAsync("cost", "gate", "--usd", "2");

        var result = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
             Budget    Period                     Limit   Spent   Reserved   Remaining   Used
            ─────────────────────────────────────────────────────────────────────────────────────────────────
             monthly   2026-11-01 – 2026-11-30   $10.00   $3.00      $2.00       $5.00    50%   ████████████

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            result.Out);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Check_Json_PrintsEachBudgetsFiguresAndPeriod()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 4m)));
        await _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "10", "--period", "day", "--tz", "Asia/Shanghai");

        var result = await _omk.RunAsync("cost", "budget", "check", "daily", "--json");

        var json = result.Json();
        Assert.False(json.GetProperty("exceeded").GetBoolean());
        var budget = Assert.Single(json.GetProperty("budgets").EnumerateArray());
        JsonAssert.Keys(budget, "name", "period", "period_start", "period_end", "limit_usd", "spent_usd", "reserved_usd", "remaining_usd", "percent", "exceeded", "reservation_ids");
        Assert.Equal("2026-11-20T00:00:00+08:00", budget.GetProperty("period_start").GetString());
        Assert.Equal("2026-11-21T00:00:00+08:00", budget.GetProperty("period_end").GetString());
        Assert.Equal((4m, 0m, 6m, 40m), (
            budget.GetProperty("spent_usd").GetDecimal(),
            budget.GetProperty("reserved_usd").GetDecimal(),
            budget.GetProperty("remaining_usd").GetDecimal(),
            budget.GetProperty("percent").GetDecimal()));
    }

    [Fact]
    public async Task Check_ExceededBudget_ExitsThreeNamingIt()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 12m)));
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month");
        await _omk.RunAsync("cost", "budget", "set", "all", "--limit", "100");

        var result = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "omk: budget exceeded: budget \"monthly\" (2026-11-01 – 2026-11-30): limit $10.00, spent $12.00, reserved $0.00, remaining $0.00",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Check_OnlyNamedBudgetsCount_ForTheExitCode()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 12m)));
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month");
        await _omk.RunAsync("cost", "budget", "set", "all", "--limit", "100");

        var result = await _omk.RunAsync("cost", "budget", "check", "all");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Check_PastWarnAt_PrintsOneWarningLine()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 8.5m)));
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month", "--warn-at", "80");

        var result = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "omk: warning: budget \"monthly\" is at 85% of its limit: $8.50 of $10.00 spent or reserved (warns at 80%)",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task List_PastWarnAt_PrintsTheWarningToo()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 8.5m)));
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month", "--warn-at", "80");

        var result = await _omk.RunAsync("cost", "budget", "list");

        Assert.StartsWith("omk: warning: budget \"monthly\" is at 85%", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownName_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "budget", "check", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no budget named \"nope\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnreadableBudgetsFile_ExitsOneNamingIt()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "budgets.json"), "{ nope");

        var result = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("budgets.json", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("{ nope", File.ReadAllText(Path.Combine(_omk.StateDirectory, "budgets.json")));
    }

    [Fact]
    public async Task OneOff_PeriodMonth_CountsOnlyThisMonthsSessions()
    {
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("team", "a", "2026-11-02T09:00:00Z", 3m),
            CostFile.Session("team", "old", "2026-10-31T09:00:00Z", 50m)));

        var result = await _omk.RunAsync("cost", "budget", "--limit", "5", "--period", "month", "--tz", "UTC");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Period:    2026-11-01 – 2026-11-30\nSpent:     $3.00\nLimit:     $5.00\nRemaining: $2.00\n", result.Out);
    }

    [Fact]
    public async Task OneOff_NoLimitAndNoSubcommand_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "budget");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit", result.Error, StringComparison.Ordinal);
    }

    private JsonElement ReadBudgets()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_omk.StateDirectory, "budgets.json")));
        return document.RootElement.Clone();
    }
}
