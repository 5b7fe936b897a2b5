using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Reliability.Tests;

/// <summary>
/// Many machines share one team store at once: 16 processes, each with its own host name, × 500 records leave
/// exactly 8 000 rows, none doubled; 4 of them × 10 gates of $1 against a $20 budget admit exactly 20.
/// </summary>
public sealed class TeamStoreConcurrentWritersTests : IClassFixture<PostgreSqlDatabase>
{
    private const int Processes = 16;
    private const int RecordsEach = 500;

    private readonly PostgreSqlDatabase _database;

    public TeamStoreConcurrentWritersTests(PostgreSqlDatabase database)
    {
        _database = database;
    }

    [Fact]
    public async Task Record_SixteenProcessesTimesFiveHundred_StoresExactlyEightThousandRows()
    {
        var writers = Enumerable.Range(0, Processes)
            .Select(id => WriterProcess.Start(_database.Uri(), $"host{id}", RecordsEach, TimeSpan.FromSeconds(30)))
            .ToList();
        try
        {
            foreach (var writer in writers)
            {
                var (exitCode, stderr) = await writer.WaitAsync(TimeSpan.FromMinutes(5));
                Assert.True(exitCode == 0, $"a recorder failed with {exitCode}: {stderr}");
                Assert.Equal(RecordsEach, writer.Acks.Count);
            }

            Assert.Equal((long)Processes * RecordsEach, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
            Assert.Equal((long)Processes * RecordsEach, _database.Scalar("SELECT count(DISTINCT name) FROM omk_cost.sessions"));
            Assert.Equal((long)Processes * RecordsEach, _database.Scalar("SELECT count(DISTINCT id) FROM omk_cost.sessions"));
            Assert.Equal((long)Processes, _database.Scalar("SELECT count(DISTINCT recorded_host) FROM omk_cost.sessions"));
            Assert.Equal(true, _database.Scalar("SELECT count(*) = max(version) FROM omk_cost.schema_migrations"));
        }
        finally
        {
            writers.ForEach(writer => writer.Dispose());
        }
    }

    [Fact]
    public async Task Gate_FourMachinesTimesTenGatesOfOneDollar_AdmitsExactlyTwentyAgainstTwentyDollars()
    {
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        using (var store = new PostgreSqlBudgetStore(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString })))
        {
            await new BudgetGate(store, TimeProvider.System).SetBudgetAsync(new BudgetPolicy { Name = "team", LimitUsd = 20m, Period = BudgetPeriodKind.Month });
        }

        var machines = Enumerable.Range(0, 4)
            .Select(id => WriterProcess.Start(_database.Uri(), $"machine{id}", 10, TimeSpan.FromSeconds(30), gate: true))
            .ToList();
        try
        {
            var admitted = 0;
            foreach (var machine in machines)
            {
                var (exitCode, stderr) = await machine.WaitAsync(TimeSpan.FromMinutes(2));
                Assert.True(exitCode == 0, $"a gate failed with {exitCode}: {stderr}");
                admitted += machine.Acks.Count;
            }

            Assert.Equal(20, admitted);
            Assert.Equal(20L, _database.Scalar("SELECT count(*) FROM omk_cost.reservations"));
            Assert.Equal(20m, _database.Scalar("SELECT sum(amount_usd) FROM omk_cost.reservations"));
            // Each machine's reservations carry its host; a machine that started late may find the budget already spent.
            Assert.Equal((long)machines.Count(static machine => machine.Acks.Count > 0), _database.Scalar("SELECT count(DISTINCT recorded_host) FROM omk_cost.reservations"));
        }
        finally
        {
            machines.ForEach(machine => machine.Dispose());
        }
    }
}
