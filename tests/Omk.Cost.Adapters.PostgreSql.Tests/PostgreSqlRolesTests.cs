using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>
/// The two roles of docs/team-store.md, created by running that page's SQL: the admin migrates and resets, the
/// recorder records, reads and upserts, and its reset fails naming the privilege it lacks.
/// </summary>
public sealed class PostgreSqlRolesTests : IClassFixture<PostgreSqlRolesTests.RolesDatabase>
{
    private readonly RolesDatabase _database;

    public PostgreSqlRolesTests(RolesDatabase database)
    {
        _database = database;
    }

    [Fact]
    public void RolesSql_IsTheSqlThatTheTeamStorePageShows()
    {
        var page = File.ReadAllText(Path.Combine(RolesDatabase.RepositoryRoot(), "docs", "team-store.md"));

        Assert.Contains(RolesDatabase.RolesSql().Trim(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_RecordsReadsAndUpserts()
    {
        using var recorder = _database.Sink("omk_test_alice");

        await recorder.AppendAsync(Session("recorded"), CancellationToken.None);
        var outcome = await recorder.UpsertAsync([Session("imported") with { Id = "kimi:1" }], UpsertMode.Apply, CancellationToken.None);
        var again = await recorder.UpsertAsync([Session("imported") with { Id = "kimi:1", ActualUsd = 3m }], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(1, 0, 0), outcome);
        Assert.Equal(new UpsertOutcome(0, 1, 0), again);
        Assert.Contains(await ReadNamesAsync(recorder), name => name == "recorded");
    }

    [Fact]
    public async Task Recorder_SyncOfAnotherMembersIds_ReplacesNothingAndCountsConflicts()
    {
        using var alice = _database.Sink("omk_test_alice");
        using var carol = _database.Sink("omk_test_carol");
        var id = $"alices-{Guid.NewGuid():N}";
        await alice.UpsertAsync([Session("alices") with { Id = id, ActualUsd = 5m }], UpsertMode.Apply, CancellationToken.None);

        var outcome = await carol.UpsertAsync([Session("zeroed") with { Id = id, ActualUsd = 0m }], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(0, 0, 0, 1), outcome);
        Assert.Equal(5m, _database.Scalar($"SELECT actual_usd FROM omk_cost.sessions WHERE id = '{id}'"));
        Assert.Equal("omk_test_alice", _database.Scalar($"SELECT database_user FROM omk_cost.sessions WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Recorder_SqlUpdateOfAnotherMembersSession_ChangesNothing()
    {
        using var alice = _database.Sink("omk_test_alice");
        var id = $"alices-{Guid.NewGuid():N}";
        await alice.AppendAsync(Session("alices") with { Id = id, ActualUsd = 5m }, CancellationToken.None);
        await using var carol = await _database.OpenAsync("omk_test_carol");

        await using var update = new Npgsql.NpgsqlCommand($"UPDATE omk_cost.sessions SET actual_usd = 0 WHERE id = '{id}'", carol);
        var changed = await update.ExecuteNonQueryAsync();

        Assert.Equal(0, changed);
        Assert.Equal(5m, _database.Scalar($"SELECT actual_usd FROM omk_cost.sessions WHERE id = '{id}'"));
    }

    [Theory]
    [InlineData("UPDATE omk_cost.sessions SET database_user = 'omk_test_alice' WHERE database_user = 'omk_test_carol'")]
    [InlineData("INSERT INTO omk_cost.sessions (id, session_type, name, started_at, started_ticks, input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, recorded_user, recorded_host, database_user) VALUES ('forged', 't', 'n', now(), 0, 0, 0, 0, 1, 1, 'standard', 'x', 'y', 'omk_test_alice')")]
    [InlineData("INSERT INTO omk_cost.schema_migrations (version, name) VALUES (999, 'x')")]
    [InlineData("UPDATE omk_cost.schema_migrations SET version = 999 WHERE version = 1")]
    [InlineData("DELETE FROM omk_cost.schema_migrations")]
    [InlineData("TRUNCATE omk_cost.schema_migrations")]
    [InlineData("DELETE FROM omk_cost.sessions")]
    public async Task Recorder_ForbiddenStatement_IsRefusedByTheDatabase(string sql)
    {
        using var carolSink = _database.Sink("omk_test_carol");
        await carolSink.AppendAsync(Session("carols"), CancellationToken.None);
        var before = _database.Scalar("SELECT (SELECT count(*) FROM omk_cost.schema_migrations) || '/' || (SELECT max(version) FROM omk_cost.schema_migrations) || '/' || (SELECT count(*) FROM omk_cost.sessions WHERE database_user = 'omk_test_alice')");
        await using var carol = await _database.OpenAsync("omk_test_carol");

        await using var command = new Npgsql.NpgsqlCommand(sql, carol);
        var exception = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains(exception.SqlState, new[] { Npgsql.PostgresErrorCodes.InsufficientPrivilege, "42501" });
        Assert.Equal(before, _database.Scalar("SELECT (SELECT count(*) FROM omk_cost.schema_migrations) || '/' || (SELECT max(version) FROM omk_cost.schema_migrations) || '/' || (SELECT count(*) FROM omk_cost.sessions WHERE database_user = 'omk_test_alice')"));
    }

    [Fact]
    public async Task Recorder_Reset_FailsNamingTheMissingPrivilege()
    {
        using var recorder = _database.Sink("omk_test_alice");
        await recorder.AppendAsync(Session("kept"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<CostStoreException>(() => recorder.ClearAsync(CancellationToken.None));

        Assert.Contains("permission denied for table sessions", error.Message, StringComparison.Ordinal);
        Assert.Contains("the role omk_test_alice lacks DELETE on omk_cost.sessions", error.Message, StringComparison.Ordinal);
        Assert.Contains(await ReadNamesAsync(recorder), name => name == "kept");
    }

    [Fact]
    public async Task Recorder_Migrate_FailsForWantOfThePrivilege()
    {
        using var recorder = _database.Sink("omk_test_alice");

        var error = await Assert.ThrowsAsync<CostStoreException>(() => recorder.MigrateAsync(CancellationToken.None));

        Assert.Contains("permission denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_GateSettleAndRelease_WorkAgainstTheAdminsBudget()
    {
        using var adminStore = _database.Budgets("omk_test_bob");
        await new BudgetGate(adminStore, TimeProvider.System).SetBudgetAsync(new BudgetPolicy { Name = "team-total", LimitUsd = 1000m });
        using var recorderStore = _database.Budgets("omk_test_alice");
        var gate = new BudgetGate(recorderStore, TimeProvider.System);

        var settled = await gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m });
        var released = await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m });
        var settle = await gate.SettleAsync(settled.Reservation!.Id, Session("gated"));
        var release = await gate.ReleaseAsync(released.Reservation!.Id);

        Assert.Equal((ReservationState.Active, ReservationState.Active), (settle.State, release.State));
        Assert.Equal(0m, Assert.Single(await gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task Recorder_ReleaseSettleOrExtendOfAnotherMembersReservation_FailsAndTheReservationStillCounts()
    {
        using var adminStore = _database.Budgets("omk_test_bob");
        var admin = new BudgetGate(adminStore, TimeProvider.System);
        await admin.SetBudgetAsync(new BudgetPolicy { Name = "members", LimitUsd = 1000m });
        using var aliceStore = _database.Budgets("omk_test_alice");
        using var carolStore = _database.Budgets("omk_test_carol");
        var carol = new BudgetGate(carolStore, TimeProvider.System);
        var alices = (await new BudgetGate(aliceStore, TimeProvider.System).ReserveAsync(new ReservationRequest { AmountUsd = 7m, Name = "alices-run" })).Reservation!;

        var release = await Assert.ThrowsAsync<CostStoreException>(() => carol.ReleaseAsync(alices.Id));
        var byName = await Assert.ThrowsAsync<CostStoreException>(() => carol.ReleaseNamedAsync("alices-run"));
        var extend = await Assert.ThrowsAsync<CostStoreException>(() => carol.ExtendAsync(alices.Id));
        var settle = await Assert.ThrowsAsync<CostStoreException>(() => carol.SettleAsync(alices.Id, Session("carols")));

        foreach (var error in new[] { release, byName, extend, settle })
        {
            Assert.Contains($"reservation {alices.Id}", error.Message, StringComparison.Ordinal);
            Assert.Contains("made by the role omk_test_alice", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains((await carol.ListReservationsAsync()).Reservations, reservation => reservation.Id == alices.Id);
        Assert.DoesNotContain("carols", await ReadNamesAsync(_database.Sink("omk_test_carol")));
        Assert.Equal(ReservationState.Active, (await admin.ReleaseAsync(alices.Id)).State);
    }

    [Fact]
    public async Task Recorder_DeleteOfAnotherMembersReservationInSql_RemovesNothing()
    {
        using var aliceStore = _database.Budgets("omk_test_alice");
        var alices = (await new BudgetGate(aliceStore, TimeProvider.System).ReserveAsync(new ReservationRequest { AmountUsd = 1m })).Reservation!;
        using var carol = await _database.OpenAsync("omk_test_carol");

        using var delete = new Npgsql.NpgsqlCommand($"DELETE FROM omk_cost.reservations WHERE id = '{alices.Id}'", carol);
        var removed = await delete.ExecuteNonQueryAsync();

        Assert.Equal(0, removed);
        Assert.Equal(1L, _database.Scalar($"SELECT count(*) FROM omk_cost.reservations WHERE id = '{alices.Id}'"));
    }

    [Fact]
    public async Task RoleWithoutOmkPrivileges_HoldingTheOldAdvisoryKey_DoesNotBlockAGateAndCannotTakeTheGatesLock()
    {
        using var outsider = await _database.OpenAsync("omk_test_mallory");
        using var transaction = await outsider.BeginTransactionAsync();
        // 8029191768171967589 is the ASCII of "omk_gate", the key every gate once waited for.
        using (var advisory = new Npgsql.NpgsqlCommand("SELECT pg_advisory_xact_lock(8029191768171967589)", outsider, transaction))
        {
            await advisory.ExecuteNonQueryAsync();
        }

        using var aliceStore = _database.Budgets("omk_test_alice");
        var decision = await new BudgetGate(aliceStore, TimeProvider.System).ReserveAsync(new ReservationRequest { AmountUsd = 0m });
        using var outsider2 = await _database.OpenAsync("omk_test_mallory");
        using var rowLock = new Npgsql.NpgsqlCommand("SELECT id FROM omk_cost.gate_lock FOR UPDATE", outsider2);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => rowLock.ExecuteScalarAsync());

        Assert.True(decision.Admitted);
        Assert.Equal(Npgsql.PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task GatesLockHeldByAnOmkSession_GateFailsClosedNamingTheHolder()
    {
        using var holder = await _database.OpenAsync("omk_test_bob");
        using var transaction = await holder.BeginTransactionAsync();
        using (var take = new Npgsql.NpgsqlCommand("SELECT id FROM omk_cost.gate_lock FOR UPDATE", holder, transaction))
        {
            await take.ExecuteScalarAsync();
        }

        using var aliceStore = _database.Budgets("omk_test_alice");
        aliceStore.LockWait = TimeSpan.FromMilliseconds(300);
        var error = await Assert.ThrowsAsync<CostStoreException>(() => new BudgetGate(aliceStore, TimeProvider.System).ReserveAsync(new ReservationRequest { AmountUsd = 1m }));

        Assert.IsNotType<CostStoreUnavailableException>(error);
        Assert.Contains("could not take the budget lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("held by role omk_test_bob", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorder_SetBudget_FailsNamingTheMissingPrivilege()
    {
        using var recorderStore = _database.Budgets("omk_test_alice");

        var error = await Assert.ThrowsAsync<CostStoreException>(() => new BudgetGate(recorderStore, TimeProvider.System).SetBudgetAsync(new BudgetPolicy { Name = "mine", LimitUsd = 1m }));

        Assert.Contains("permission denied for table budgets", error.Message, StringComparison.Ordinal);
        Assert.Contains("the role omk_test_alice lacks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_Reset_RemovesTheSessions()
    {
        using var admin = _database.Sink("omk_test_bob");
        await admin.AppendAsync(Session("gone"), CancellationToken.None);

        var outcome = await admin.ClearAsync(CancellationToken.None);

        Assert.True(outcome.RemovedSessions >= 1);
        Assert.Empty(await ReadNamesAsync(admin));
    }

    private static SessionCost Session(string name) => new()
    {
        SessionType = "team",
        Name = name,
        StartedAt = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
        Estimate = CostEstimator.Estimate(60, 1, 0, PricingTier.Standard),
    };

    private static async Task<List<string>> ReadNamesAsync(ICostSink sink)
    {
        var names = new List<string>();
        await foreach (var session in sink.ReadAllAsync(CancellationToken.None))
        {
            names.Add(session.Name);
        }

        return names;
    }

    /// <summary>A fresh database set up by docs/team-store-roles.sql, migrated by an admin, with a recorder and an admin login.</summary>
    public sealed class RolesDatabase
    {
        private readonly PostgreSqlDatabase _database = new();

        public RolesDatabase()
        {
            _database.Execute(RolesSql());
            _database.Execute(
                "CREATE ROLE omk_test_alice LOGIN IN ROLE omk_recorder; CREATE ROLE omk_test_carol LOGIN IN ROLE omk_recorder; "
                + "CREATE ROLE omk_test_bob LOGIN IN ROLE omk_admin; CREATE ROLE omk_test_mallory LOGIN;");
            using var admin = Sink("omk_test_bob");
            admin.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Omk.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("Omk.sln not found above the test assembly");
        }

        public static string RolesSql() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "team-store-roles.sql"));

        internal PostgreSqlBudgetStore Budgets(string role) => new(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.Uri(role) }));

        /// <summary>Opens a plain connection as a role, for what omk never does.</summary>
        public async Task<Npgsql.NpgsqlConnection> OpenAsync(string role)
        {
            Assert.True(PostgreSqlStoreAddress.TryParse(_database.Uri(role), out var builder, out var error), error);
            var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public object? Scalar(string sql) => _database.Scalar(sql);

        internal PostgreSqlCostSink Sink(string role) => new(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.Uri(role) }));
    }
}
