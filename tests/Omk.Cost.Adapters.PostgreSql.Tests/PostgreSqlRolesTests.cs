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
            _database.Execute("CREATE ROLE omk_test_alice LOGIN IN ROLE omk_recorder; CREATE ROLE omk_test_bob LOGIN IN ROLE omk_admin;");
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

        public PostgreSqlBudgetStore Budgets(string role) => new(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.Uri(role) }));

        public PostgreSqlCostSink Sink(string role) => new(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.Uri(role) }));
    }
}
