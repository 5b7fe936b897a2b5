using Npgsql;
using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// <c>omk cost gate --fail-open</c> in a real process against a throwaway server: it admits a run unchecked only when
/// the store cannot be reached at all; a server that is up but whose gate lock another session holds refuses (fails
/// closed, naming the holder), never admits. The class has a server of its own, since a test stops it.
/// </summary>
public sealed class TeamStoreFailOpenProcessTests : IClassFixture<PostgreSqlOwnServer>, IDisposable
{
    private readonly PostgreSqlServer _server;
    private readonly TempFolder _folder = new();
    private readonly string _database;
    private readonly string _home;
    private readonly string _state;

    public TeamStoreFailOpenProcessTests(PostgreSqlOwnServer server)
    {
        _server = server.Server;
        _server.EnsureStarted();
        _database = _server.CreateDatabase();
        _home = _folder.Folder("home");
        _state = Path.Combine(_folder.Path, "state");
    }

    [Fact]
    public async Task GateFailOpen_ServerUpButItsGateLockHeld_FailsClosedNamingTheHolderAndAdmitsNothing()
    {
        Assert.Equal(0, (await RunAsync("cost", "store", "migrate")).ExitCode);
        Assert.Equal(0, (await RunAsync("cost", "budget", "set", "monthly", "--limit", "100", "--period", "month")).ExitCode);
        await using var holder = new NpgsqlConnection(_server.ConnectionString(_database) + ";Application Name=lock-holder");
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT id FROM omk_cost.gate_lock FOR UPDATE", holder, transaction))
        {
            await take.ExecuteScalarAsync();
        }

        var gate = await RunAsync("cost", "gate", "--usd", "1", "--fail-open");
        await transaction.RollbackAsync();

        Assert.Equal(1, gate.ExitCode);
        Assert.Empty(gate.Out);
        var line = Assert.Single(gate.ErrorLines);
        Assert.StartsWith("omk: could not take the budget lock of the team store postgresql://postgres@/", line, StringComparison.Ordinal);
        Assert.Contains("application lock-holder", line, StringComparison.Ordinal);
        Assert.Contains("nothing was decided (a gate fails closed, --fail-open or not)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("admitted", gate.Error, StringComparison.Ordinal);
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.reservations"));
    }

    [Fact]
    public async Task GateFailOpen_ServerDown_AdmitsWithOneWarningAndAnUnstoredReservation()
    {
        Assert.Equal(0, (await RunAsync("cost", "store", "migrate")).ExitCode);
        _server.StopImmediately();

        var gate = await RunAsync("cost", "gate", "--usd", "1", "--fail-open");
        var closed = await RunAsync("cost", "gate", "--usd", "1");
        _server.Start();

        Assert.Equal(0, gate.ExitCode);
        Assert.Matches("^unstored-[0-9a-f]{16}\n$", gate.Out);
        var warning = Assert.Single(gate.ErrorLines);
        Assert.StartsWith("omk: warning: could not connect to the team store postgresql://postgres@/", warning, StringComparison.Ordinal);
        Assert.Contains($"admitted without checking the budgets (--fail-open): reservation {gate.Out.Trim()} is not stored", warning, StringComparison.Ordinal);
        Assert.Equal(1, closed.ExitCode);
        Assert.Empty(closed.Out);
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.reservations"));
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> RunAsync(params string[] args)
    {
        var omk = new OmkProcess(_home);
        omk.Environment["OMK_STATE_DIR"] = _state;
        omk.Environment["OMK_COST_STORE"] = _server.Uri(_database);
        return omk.RunAsync(args);
    }
}
