using Omk.Testing.Stores;

namespace Omk.Reliability.Tests;

/// <summary>
/// Many machines record into one team store at once: 16 processes, each with its own host name, × 500 records
/// leave exactly 8 000 rows, none doubled.
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
            Assert.Equal(1, _database.Scalar("SELECT count(*)::int FROM omk_cost.schema_migrations"));
        }
        finally
        {
            writers.ForEach(writer => writer.Dispose());
        }
    }
}
