using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>The budget store contract, run against the PostgreSQL team store on a throwaway server.</summary>
public sealed class PostgreSqlBudgetStoreContractTests : BudgetStoreContract, IClassFixture<PostgreSqlDatabase>
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlBudgetStoreContractTests(PostgreSqlDatabase database)
    {
        _database = database;
    }

    protected override Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync()
    {
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        var options = Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString });
        
        // The contract's clock is fake: the store follows it instead of the server's (PostgreSqlBudgetStoreClockTests prove the server's).
        return Task.FromResult<(IBudgetStore, ICostSink)>((new PostgreSqlBudgetStore(options) { UseCallerClock = true }, new PostgreSqlCostSink(options)));
    }
}
