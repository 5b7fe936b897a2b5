using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>
/// The model-based budget test, run against the team store on a throwaway server, with Kimi's sessions imported by the
/// steps that read or decide, as the command does on the team store.
/// </summary>
public sealed class PostgreSqlBudgetModelTests : BudgetModelContract, IClassFixture<PostgreSqlDatabase>
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlBudgetModelTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
    }

    protected override int Sequences => 20;

    protected override int KilledSequences => 10;

    protected override string StoreAddress => _database.ConnectionString;

    protected override bool ImportsIntoStore => true;

    protected override Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync(TimeProvider clock)
    {
        _database.Execute("DO $$ BEGIN IF to_regclass('omk_cost.sessions') IS NOT NULL THEN TRUNCATE omk_cost.sessions, omk_cost.budgets, omk_cost.reservations; END IF; END $$");
        var options = Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString });

        // The sequence's clock jumps forward and back: the store follows it instead of the server's.
        return Task.FromResult<(IBudgetStore, ICostSink)>((new PostgreSqlBudgetStore(options) { UseCallerClock = true }, new PostgreSqlCostSink(options)));
    }
}
