using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// Budgets count Kimi's real spend: what Kimi sessions on this machine spent that the ledger does not hold (whole when
/// not imported, and what an imported one spent after its import), each call once, without a manual import.
/// </summary>
public sealed class BudgetKimiSpendTests : IDisposable
{
    /// <summary>What the second session costs at kimi-k2.6's prices: 2500 × $0.95 + 1250 × $0.16 + 446 000 × $4 per million.</summary>
    private const decimal LargeSessionUsd = 1.786575m;

    /// <summary>Both sessions: $1.79 in Kimi's logs.</summary>
    private const decimal KimiUsd = KimiLogs.CostUsd + LargeSessionUsd;

    private readonly CliRunner _omk = new();
    private readonly string _share;

    public BudgetKimiSpendTests()
    {
        _omk.Variables["OMK_TZ"] = "UTC";
        _share = _omk.Folder.Folder("kimi");
        KimiLogs.Write(_share);
        KimiLogs.AddSession(_share, "/work/beta", "sess-b", "Big refactor", KimiLogs.Start.AddMinutes(1), (2500, 446_000, 1250));
        _omk.Variables["KIMI_SHARE_DIR"] = _share;
        _omk.Clock.SetUtcNow(KimiLogs.Start.AddMinutes(10));
    }

    [Fact]
    public async Task Gate_KimiSpentMoreThanTheBudget_IsRefusedWithoutAnImport()
    {
        Assert.Equal(1.79m, KimiUsd);
        await SetDailyBudgetAsync();

        var gate = await _omk.RunAsync("cost", "gate", "--usd", "0.50");

        Assert.Equal(3, gate.ExitCode);
        Assert.Empty(gate.Out);
        Assert.Contains("omk: gate refused: $0.50 would exceed", gate.Error, StringComparison.Ordinal);
        var reserved = await _omk.RunAsync("cost", "budget", "check", "--json", "--no-kimi");
        Assert.Equal(0m, reserved.Json().GetProperty("budgets")[0].GetProperty("reserved_usd").GetDecimal());
    }

    [Fact]
    public async Task BudgetCheck_KimiSpend_SaysTheRealPercent()
    {
        await SetDailyBudgetAsync();

        var check = await _omk.RunAsync("cost", "budget", "check", "--json");
        var text = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(3, check.ExitCode);
        var standing = check.Json().GetProperty("budgets")[0];
        Assert.Equal(KimiUsd, standing.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(179m, standing.GetProperty("percent").GetDecimal());
        Assert.True(standing.GetProperty("exceeded").GetBoolean());
        Assert.Contains("179%", text.Out, StringComparison.Ordinal);
        Assert.Contains("omk: budget exceeded:", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetLimitStatusAndList_CountKimiSpend()
    {
        await _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "1", "--period", "day", "--warn-at", "50");

        var budget = await _omk.RunAsync("cost", "budget", "--limit", "1", "--json");
        var status = await _omk.RunAsync("cost", "status", "--json");
        var list = await _omk.RunAsync("cost", "budget", "list");

        Assert.Equal(3, budget.ExitCode);
        Assert.Equal(KimiUsd, budget.Json().GetProperty("spent_usd").GetDecimal());
        Assert.Equal(KimiUsd, status.Json().GetProperty("today_usd").GetDecimal());
        Assert.Equal(KimiUsd, status.Json().GetProperty("period_usd").GetDecimal());
        Assert.Contains("daily", list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKimi_CountsTheLedgerAndReservationsOnly()
    {
        await SetDailyBudgetAsync();

        var gate = await _omk.RunAsync("cost", "gate", "--usd", "0.50", "--no-kimi");
        var check = await _omk.RunAsync("cost", "budget", "check", "--json", "--no-kimi");
        var status = await _omk.RunAsync("cost", "status", "--json", "--no-kimi");

        Assert.Equal(0, gate.ExitCode);
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(0m, check.Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0.5m, check.Json().GetProperty("budgets")[0].GetProperty("reserved_usd").GetDecimal());
        Assert.Equal(0m, status.Json().GetProperty("today_usd").GetDecimal());
    }

    [Fact]
    public async Task BudgetCheck_ImportedSession_CountsOnceAndWhatItSpentAfterTheImport()
    {
        await _omk.RunAsync("cost", "budget", "set", "total", "--limit", "10");
        var imported = await _omk.RunAsync("cost", "import", "kimi");
        Assert.Equal(0, imported.ExitCode);

        var once = await _omk.RunAsync("cost", "budget", "check", "--json");

        // The imported large session goes on: one more call of 100 000 output tokens ($0.40) after the import.
        var wire = Path.Combine(_share, "sessions", KimiLogs.Md5("/work/beta"), "sess-b", "wire.jsonl");
        File.AppendAllText(wire, KimiLogs.Status(KimiLogs.Start.AddMinutes(5).ToUnixTimeSeconds(), 0, 100_000, 0, "sess-b-late") + "\n");
        var grown = await _omk.RunAsync("cost", "budget", "check", "--json");
        var reimported = await _omk.RunAsync("cost", "import", "kimi");
        var again = await _omk.RunAsync("cost", "budget", "check", "--json");

        Assert.Equal(KimiUsd, once.Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal());
        Assert.Equal(KimiUsd + 0.4m, grown.Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0, reimported.ExitCode);
        Assert.Equal(KimiUsd + 0.4m, again.Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal());
    }

    public void Dispose() => _omk.Dispose();

    private async Task SetDailyBudgetAsync()
    {
        var set = await _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "1", "--period", "day");
        Assert.Equal(0, set.ExitCode);
    }
}
