using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>The store contract, run against the PostgreSQL team store on a throwaway server.</summary>
public sealed class PostgreSqlCostSinkContractTests : CostSinkContract, IClassFixture<PostgreSqlDatabase>
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlCostSinkContractTests(PostgreSqlDatabase database)
    {
        _database = database;
    }

    protected override Task<ICostSink> CreateSinkAsync()
    {
        // Each test starts from an empty database, so each also proves the migration on first use.
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        return Task.FromResult<ICostSink>(new PostgreSqlCostSink(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString })));
    }
}
