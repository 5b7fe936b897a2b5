using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// A machine whose clock differs from the team store's server by more than two minutes is told so, once per command,
/// with the difference; budgets and reservations go by the server's clock all the same.
/// </summary>
public sealed class TeamStoreClockSkewTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();

    public TeamStoreClockSkewTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();
        Assert.Equal(0, _omk.RunAsync("cost", "store", "migrate").GetAwaiter().GetResult().ExitCode);
        Assert.Equal(0, _omk.RunAsync("cost", "budget", "set", "daily", "--limit", "10", "--period", "day").GetAwaiter().GetResult().ExitCode);
    }

    [Fact]
    public async Task Gate_ClockTwoHoursAhead_WarnsOnceNamingTheDifferenceAndKeepsTheServersTime()
    {
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddHours(2));

        var gate = await _omk.RunAsync("cost", "gate", "--usd", "1", "--json", "--no-kimi");

        Assert.Equal(0, gate.ExitCode);
        var warning = Assert.Single(gate.ErrorLines);
        Assert.Matches(@"^omk: warning: this machine's clock is (2 h 0 min|1 h 59 min) ahead of the team store's server \(postgresql://postgres@[^)]*\), more than the 2 min 0 s allowed; budgets and reservations go by the server's time", warning);
        var expires = gate.Json().GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddHours(12).AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12).AddMinutes(1));
    }

    [Fact]
    public async Task BudgetCheck_ClockBehindByDays_WarnsThatItIsBehind()
    {
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddDays(-3).AddHours(-4));

        var check = await _omk.RunAsync("cost", "budget", "check", "--no-kimi");

        Assert.Equal(0, check.ExitCode);
        Assert.Matches(@"^omk: warning: this machine's clock is 3 d (4|3) h behind the team store's server", Assert.Single(check.ErrorLines));
    }

    [Fact]
    public async Task Gate_ClockWithinTwoMinutes_SaysNothing()
    {
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddSeconds(-60));

        var gate = await _omk.RunAsync("cost", "gate", "--usd", "1", "--no-kimi");

        Assert.Equal(0, gate.ExitCode);
        Assert.Empty(gate.Error);
    }

    public void Dispose() => _omk.Dispose();
}
