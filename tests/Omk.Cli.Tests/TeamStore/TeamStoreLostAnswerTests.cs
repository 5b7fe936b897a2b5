using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// A network that loses the server's answer to a COMMIT (a TCP proxy between omk and the throwaway server): the
/// session is stored but omk cannot know it, keeps it in the outbox, and sending it later must not store it twice.
/// </summary>
public sealed class TeamStoreLostAnswerTests : IClassFixture<PostgreSqlDatabase>, IAsyncDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();
    private readonly PostgreSqlProxy _proxy;

    public TeamStoreLostAnswerTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _proxy = new PostgreSqlProxy(database.Server);
        _omk.Variables["OMK_COST_STORE"] = _proxy.Uri(database.Name);

        // The server's clock and this one agree, as the warning lines this test counts need.
        _omk.Clock.SetUtcNow(DateTimeOffset.UtcNow);
    }

    private string Outbox => Path.Combine(_omk.StateDirectory, "costs-outbox.json");

    [Fact]
    public async Task Settle_AnswerToItsCommitLost_TheSessionKeepsItsIdAndIsStoredOnceAfterSync()
    {
        Assert.Equal(0, (await _omk.RunAsync("cost", "store", "migrate")).ExitCode);
        var reservation = (await _omk.RunAsync("cost", "gate", "--usd", "5")).Out.Trim();
        _proxy.DropTheAnswerTo("INSERT INTO omk_cost.sessions", "COMMIT");

        var settle = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "settled", "--duration", "60", "--actual-usd", "5", "--reservation", reservation);

        Assert.Equal(1, _proxy.Cuts);
        Assert.Equal(0, settle.ExitCode);
        var warning = Assert.Single(settle.ErrorLines);
        Assert.Contains($"the session is kept in {Outbox}", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("is not settled", warning, StringComparison.Ordinal);
        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
        var stored = (string)_database.Scalar("SELECT id FROM omk_cost.sessions")!;
        Assert.Contains($"\"id\": \"{stored}\"", File.ReadAllText(Outbox), StringComparison.Ordinal);

        var sync = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
        Assert.Equal(5m, _database.Scalar("SELECT sum(actual_usd) FROM omk_cost.sessions"));
        Assert.Equal(0L, _database.Scalar("SELECT count(*) FROM omk_cost.reservations"));
        Assert.False(File.Exists(Outbox));
    }

    [Fact]
    public async Task Record_AnswerToItsCommitLost_IsStoredOnceAfterSync()
    {
        Assert.Equal(0, (await _omk.RunAsync("cost", "store", "migrate")).ExitCode);
        _proxy.DropTheAnswerTo("INSERT INTO omk_cost.sessions");

        var record = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "plain", "--duration", "60", "--actual-usd", "5");
        Assert.Equal(1, _proxy.Cuts);
        var sync = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, record.ExitCode);
        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
        Assert.Equal(5m, _database.Scalar("SELECT sum(actual_usd) FROM omk_cost.sessions"));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _omk.Dispose();
    }
}
