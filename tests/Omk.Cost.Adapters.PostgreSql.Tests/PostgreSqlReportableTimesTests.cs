using Microsoft.Extensions.Options;
using Npgsql;
using Omk.Cost.Domain;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>
/// The team store holds no session time a report cannot place: one member's row in the year 9999 would break every
/// member's reports by day, week and month, so the table refuses it from any client, not only from omk.
/// </summary>
public sealed class PostgreSqlReportableTimesTests : IClassFixture<PostgreSqlDatabase>
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlReportableTimesTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
    }

    [Theory]
    [InlineData("'9999-12-31T23:00:00Z'", "NULL")]
    [InlineData("'2026-11-20T09:00:00Z'", "'9999-06-01T00:00:00Z'")]
    [InlineData("'1969-12-31T00:00:00Z'", "NULL")]
    public async Task Insert_TimeNoReportCanPlace_IsRefusedByTheTable(string startedAt, string endedAt)
    {
        var sink = new PostgreSqlCostSink(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString }));
        await sink.AppendAsync(new SessionCost
        {
            SessionType = "team",
            Name = "now",
            StartedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            Estimate = new CostEstimate(1, 1, 1, 1, 1m, PricingTier.Standard),
        }, CancellationToken.None);

        var refused = Assert.Throws<PostgresException>(() => _database.Execute(
            $"INSERT INTO omk_cost.sessions (id, session_type, name, started_at, started_ticks, ended_at, input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, recorded_user, recorded_host, database_user) "
            + $"VALUES ('far', 'team', 'far', {startedAt}, 0, {endedAt}, 1, 1, 1, 1, 1, 'Standard', 'u', 'h', current_user)"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("sessions_reportable_times", refused.ConstraintName);
        Assert.Equal(true, _database.Scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'sessions_reportable_times'"));
        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
    }
}
