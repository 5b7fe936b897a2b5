using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// On the team store, the commands that decide on a budget import this machine's Kimi sessions first, idempotently, so
/// that every machine's budgets count every machine's Kimi spend.
/// </summary>
public sealed class TeamStoreKimiSpendTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const decimal KimiUsd = KimiLogs.CostUsd + 1.786575m;

    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _laptop = new();
    private readonly CliRunner _desktop = new();

    public TeamStoreKimiSpendTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        foreach (var (omk, host) in new[] { (_laptop, "laptop"), (_desktop, "desktop") })
        {
            omk.Variables["OMK_COST_STORE"] = _database.Uri();
            omk.Variables["OMK_HOSTNAME"] = host;
            omk.Variables["KIMI_SHARE_DIR"] = omk.Folder.Folder("kimi");
        }

        KimiLogs.Write(_laptop.Variables["KIMI_SHARE_DIR"]);
        KimiLogs.AddSession(_laptop.Variables["KIMI_SHARE_DIR"], "/work/beta", "sess-b", "Big refactor", KimiLogs.Start.AddMinutes(1), (2500, 446_000, 1250));
    }

    [Fact]
    public async Task Gate_KimiSpendOnOneMachine_IsImportedOnceAndCountedByEveryMachine()
    {
        Assert.Equal(0, (await _laptop.RunAsync("cost", "store", "migrate")).ExitCode);
        Assert.Equal(0, (await _laptop.RunAsync("cost", "budget", "set", "all", "--limit", "1")).ExitCode);

        var refused = await _laptop.RunAsync("cost", "gate", "--usd", "0.50");
        var again = await _laptop.RunAsync("cost", "gate", "--usd", "0.50");
        var elsewhere = await _desktop.RunAsync("cost", "budget", "check", "--json");

        Assert.Equal(3, refused.ExitCode);
        Assert.Equal(3, again.ExitCode);
        Assert.Equal("kimi:sess-a|laptop|Fix login,kimi:sess-b|laptop|Big refactor", _database.Scalar("SELECT string_agg(id || '|' || recorded_host || '|' || name, ',' ORDER BY id) FROM omk_cost.sessions"));
        Assert.Equal(KimiUsd, elsewhere.Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal());
        Assert.Equal(3, elsewhere.ExitCode);
    }

    [Fact]
    public async Task Status_TeamStore_CountsKimiSpendWithoutWriting()
    {
        Assert.Equal(0, (await _laptop.RunAsync("cost", "store", "migrate")).ExitCode);
        _laptop.Clock.SetUtcNow(KimiLogs.Start.AddMinutes(10));

        var status = await _laptop.RunAsync("cost", "status", "--json", "--tz", "UTC");

        Assert.Equal(KimiUsd, status.Json().GetProperty("today_usd").GetDecimal());
        Assert.Equal(0L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
    }

    public void Dispose()
    {
        _laptop.Dispose();
        _desktop.Dispose();
    }
}
