using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>The commands against a team store on a throwaway PostgreSQL server, chosen by --store or $OMK_COST_STORE.</summary>
public sealed class TeamStoreCommandsTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();

    public TeamStoreCommandsTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();
    }

    [Fact]
    public async Task Record_TeamStore_StoresTheSessionWithItsUserAndHost()
    {
        _omk.Variables["OMK_HOSTNAME"] = "laptop-7";

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "refactor-auth", "--duration", "60", "--workers", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal("refactor-auth|laptop-7|0.0091|1950", _database.Scalar("SELECT name || '|' || recorded_host || '|' || estimated_usd || '|' || input_tokens FROM omk_cost.sessions"));
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task Record_UriWithPassword_NeverPrintsThePassword()
    {
        var store = _database.Uri().Replace("postgres@", "postgres:s3cr3t-pw@", StringComparison.Ordinal);

        var result = await _omk.RunAsync("cost", "record", "--store", store, "--type", "team", "--name", "x", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("s3cr3t-pw", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Contains("postgresql://postgres@/", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_TeamStore_AddsUpWhatEveryMachineRecorded()
    {
        foreach (var (host, name) in new[] { ("a", "one"), ("b", "two"), ("c", "three") })
        {
            _omk.Variables["OMK_HOSTNAME"] = host;
            await _omk.RunAsync("cost", "record", "--type", "team", "--name", name, "--input-tokens", "1000000", "--output-tokens", "0", "--tier", "standard");
        }

        var result = await _omk.RunAsync("cost", "report", "--json");

        Assert.Equal(0, result.ExitCode);
        var report = result.Json();
        Assert.Equal(3, report.GetProperty("sessions").GetInt32());
        Assert.Equal(6m, report.GetProperty("total_estimated_usd").GetDecimal());
        Assert.Equal(3L, _database.Scalar("SELECT count(DISTINCT recorded_host) FROM omk_cost.sessions"));
    }

    [Fact]
    public async Task StoreMigrate_TwiceThenInfo_MigratesOnceAndDescribesTheStore()
    {
        var first = await _omk.RunAsync("cost", "store", "migrate");
        var second = await _omk.RunAsync("cost", "store", "migrate");
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "x", "--duration", "60");

        var info = await _omk.RunAsync("cost", "store", "info");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("to schema version 6: applied 0001_sessions, 0002_budgets, 0003_recorder_privileges, 0004_gate_lock_and_reservation_owners, 0005_session_owners, 0006_reportable_times.", first.Out, StringComparison.Ordinal);
        Assert.Contains("is current (version 6): nothing to do", second.Out, StringComparison.Ordinal);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains($"Store: {_database.Uri()}\n", info.Out, StringComparison.Ordinal);
        Assert.Contains("Schema: version 6 (this omk writes version 6)\n", info.Out, StringComparison.Ordinal);
        Assert.Contains("Sessions: 1\n", info.Out, StringComparison.Ordinal);
        Assert.Matches(@"Size: [1-9]\d* bytes\n", info.Out);
    }

    [Fact]
    public async Task Store_NotAnAddress_FailsAsAWrongCommandLine()
    {
        var result = await _omk.RunAsync("cost", "report", "--store", "/var/lib/omk");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --store (or $OMK_COST_STORE) must be a postgresql:// URI or an Npgsql connection string", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_UnknownUriParameter_FailsNamingIt()
    {
        var result = await _omk.RunAsync("cost", "report", "--store", "postgresql://u@h/db?sslmood=require");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'sslmood'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_CostsJsonTwice_SendsEverySessionOnceAndWritesTheirIdsBack()
    {
        _omk.WriteCostsFile("""
            [
              {"session_type": "team", "name": "a", "started_at": "2026-11-20T09:15:02.123456789Z", "ended_at": null,
               "estimate": {"input_tokens": 1950, "output_tokens": 650, "duration_secs": 60, "worker_count": 2, "estimated_usd": 0.0091, "tier": "Standard"},
               "actual_usd": null},
              {"session_type": "team", "name": "a", "started_at": "2026-11-20T09:15:02.123456789Z", "ended_at": null,
               "estimate": {"input_tokens": 1950, "output_tokens": 650, "duration_secs": 60, "worker_count": 2, "estimated_usd": 0.0091, "tier": "Standard"},
               "actual_usd": null},
              {"session_type": "kimi", "name": "k", "started_at": "2026-11-21T00:00:00Z", "ended_at": null, "id": "kimi:k",
               "estimate": {"input_tokens": 1, "output_tokens": 2, "duration_secs": 0, "worker_count": 1, "estimated_usd": 0.5, "tier": "Premium"},
               "actual_usd": 0.75}
            ]
            """);

        var first = await _omk.RunAsync("cost", "sync");
        var fileAfterFirst = File.ReadAllText(_omk.CostsFile);
        var second = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("3 sessions (3 added, 0 replaced, 0 already there); 0 from the outbox; 2 given an id.", first.Out, StringComparison.Ordinal);
        Assert.Contains("3 sessions (0 added, 0 replaced, 3 already there); 0 from the outbox; 0 given an id.", second.Out, StringComparison.Ordinal);
        Assert.Equal(3L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
        Assert.Equal(2, fileAfterFirst.Split("\"id\"").Length - 2);
        Assert.Equal(fileAfterFirst, File.ReadAllText(_omk.CostsFile));
    }

    [Fact]
    public async Task Sync_CostsJsonAndOutboxWithUnknownFields_StoresEveryFieldInTheTeamStore()
    {
        _omk.WriteCostsFile("""
            [
              {"session_type": "team", "name": "newer", "started_at": "2026-11-20T09:15:02Z", "ended_at": null, "id": "kimi:n",
               "estimate": {"input_tokens": 1950, "output_tokens": 650, "duration_secs": 60, "worker_count": 2, "estimated_usd": 0.0091, "tier": "Standard"},
               "actual_usd": null, "model": "kimi-k2", "project": "/p", "cache_read_tokens": 5, "cache_creation_tokens": 0,
               "added_in": "0.7.0", "labels": {"team": "infra", "ids": [1, 2.50, true, null]}}
            ]
            """);
        File.WriteAllText(Path.Combine(_omk.StateDirectory, "costs-outbox.json"), """
            [
              {"session_type": "ralph", "name": "waiting", "started_at": "2026-11-20T10:00:00Z", "ended_at": null, "id": "0193a8e0-0000-7000-8000-000000000001",
               "estimate": {"input_tokens": 1, "output_tokens": 2, "duration_secs": 0, "worker_count": 1, "estimated_usd": 0.5, "tier": "Premium"},
               "actual_usd": null, "retries": 3}
            ]
            """);

        var sync = await _omk.RunAsync("cost", "sync");
        var again = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, sync.ExitCode);
        Assert.Contains("1 session (1 added, 0 replaced, 0 already there); 1 from the outbox", sync.Out, StringComparison.Ordinal);
        Assert.Contains("1 session (0 added, 0 replaced, 1 already there)", again.Out, StringComparison.Ordinal);
        Assert.Equal(
            """{"labels": {"ids": [1, 2.50, true, null], "team": "infra"}, "added_in": "0.7.0"}|kimi-k2|5""",
            _database.Scalar("SELECT extra::text || '|' || model || '|' || cache_read_tokens FROM omk_cost.sessions WHERE id = 'kimi:n'"));
        Assert.Equal("""{"retries": 3}""", _database.Scalar("SELECT extra::text FROM omk_cost.sessions WHERE name = 'waiting'"));
    }

    [Fact]
    public async Task Sync_NoTeamStore_FailsAsAWrongCommandLine()
    {
        _omk.Variables.Remove("OMK_COST_STORE");

        var result = await _omk.RunAsync("cost", "sync");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: sync needs a team store", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
