using Npgsql;
using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// <c>status</c> answers within a prompt's budget whatever the team store does: a store that accepts and never
/// answers, or a table an admin holds locked, gets 1 s, and the line is then the last good answer, marked as cached
/// with its age (<c>--json</c>: <c>stale</c> and <c>age_seconds</c>).
/// </summary>
public sealed class TeamStoreStatusDeadlineTests : IClassFixture<PostgreSqlDatabase>, IAsyncLifetime
{
    /// <summary>A deadline no busy machine reaches, for the answers that must be fresh.</summary>
    private const string NoDeadline = "3600";

    private readonly PostgreSqlDatabase _database;
    private readonly PostgreSqlProxy _proxy;
    private readonly CliRunner _omk = new();

    public TeamStoreStatusDeadlineTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _proxy = new PostgreSqlProxy(database.Server);
        _omk.Variables["OMK_COST_STORE"] = _proxy.Uri(database.Name);
    }

    [Fact]
    public async Task Status_StoreAcceptsAndNeverAnswers_ShowsTheLastGoodAnswerMarkedCached()
    {
        var fresh = await FreshStatusAsync();
        _proxy.Stall();
        _omk.Clock.Advance(TimeSpan.FromMinutes(3));

        var cached = await _omk.RunAsync("cost", "status");
        var json = await _omk.RunAsync("cost", "status", "--json");

        Assert.Equal(0, cached.ExitCode);
        Assert.Equal(fresh.TrimEnd('\n') + " (cached 3m ago)\n", cached.Out);
        Assert.True(json.Json().GetProperty("stale").GetBoolean());
        Assert.Equal(180, json.Json().GetProperty("age_seconds").GetInt64());
        Assert.Equal(4m, json.Json().GetProperty("today_usd").GetDecimal());
    }

    [Fact]
    public async Task Status_SessionsTableLockedByAnAdmin_ShowsTheLastGoodAnswerMarkedCached()
    {
        var fresh = await FreshStatusAsync();
        await using var admin = new NpgsqlConnection(_database.ConnectionString);
        await admin.OpenAsync();
        await using var transaction = await admin.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE omk_cost.sessions IN ACCESS EXCLUSIVE MODE", admin, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var cached = await _omk.RunAsync("cost", "status");

        Assert.Equal(0, cached.ExitCode);
        Assert.Equal(fresh.TrimEnd('\n') + " (cached 0s ago)\n", cached.Out);
    }

    [Fact]
    public async Task Status_StoreNeverAnswersAndNoAnswerKept_PrintsTheMarkerSayingWhy()
    {
        _proxy.Stall();

        var line = await _omk.RunAsync("cost", "status");
        var json = await _omk.RunAsync("cost", "status", "--json");

        Assert.Equal((0, "omk ?\n"), (line.ExitCode, line.Out));
        Assert.Contains("did not answer within 1s", json.Json().GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_StoreAnswers_IsFreshAndSaysSo()
    {
        await FreshStatusAsync();
        _omk.Variables["OMK_STATUS_TIMEOUT"] = NoDeadline;

        var json = await _omk.RunAsync("cost", "status", "--json");

        Assert.False(json.Json().GetProperty("stale").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.Json().GetProperty("age_seconds").ValueKind);
    }

    /// <summary>Records a $4 session and asks for a status with all the time it needs, which keeps that answer.</summary>
    private async Task<string> FreshStatusAsync()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "a", "--input-tokens", "1000000", "--output-tokens", "0", "--tier", "standard", "--actual-usd", "4");
        _omk.Variables["OMK_STATUS_TIMEOUT"] = NoDeadline;
        var fresh = await _omk.RunAsync("cost", "status");
        _omk.Variables.Remove("OMK_STATUS_TIMEOUT");
        Assert.StartsWith("omk $4.00 today", fresh.Out, StringComparison.Ordinal);
        return fresh.Out;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _omk.Dispose();
    }
}
