using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.PostgreSql.Tests;

/// <summary>
/// The team store's one clock: expiry and budget periods follow the database server's time, whatever the clocks of the
/// machines that gate.
/// </summary>
public sealed class PostgreSqlBudgetStoreClockTests : IClassFixture<PostgreSqlDatabase>
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlBudgetStoreClockTests(PostgreSqlDatabase database)
    {
        _database = database;
    }

    [Fact]
    public async Task ReserveAsync_TwentyGatesFromFourMachinesWithClocksHoursApart_AdmitTheDailyLimitOnTheServersDay()
    {
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        var serverNow = (DateTime)_database.Scalar("SELECT now() AT TIME ZONE 'UTC'")!;
        var options = Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString });
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgreSqlBudgetStore(options)).ToList();
        try
        {
            TimeSpan[] offsets = [TimeSpan.FromHours(-7), TimeSpan.Zero, TimeSpan.FromHours(5), TimeSpan.FromHours(13)];
            var gates = stores.Select((store, machine) => new BudgetGate(store, new FakeTimeProvider(new DateTimeOffset(serverNow, TimeSpan.Zero) + offsets[machine]))).ToList();
            await gates[3].SetBudgetAsync(new BudgetPolicy { Name = "daily", LimitUsd = 10m, Period = BudgetPeriodKind.Day });

            var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(index => Task.Run(
                () => gates[index % 4].ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.FromHours(1) }))));

            Assert.Equal(10, decisions.Count(static decision => decision.Admitted));
            foreach (var reservation in decisions.Where(static decision => decision.Admitted).Select(static decision => decision.Reservation!))
            {
                Assert.InRange(reservation.CreatedAt.UtcDateTime, serverNow, serverNow.AddMinutes(10));
                Assert.Equal(TimeSpan.FromHours(1), reservation.ExpiresAt - reservation.CreatedAt);
            }

            foreach (var gate in gates)
            {
                var standing = Assert.Single(await gate.CheckAsync());
                Assert.Equal((0m, 10m), (standing.SpentUsd, standing.ReservedUsd));
                Assert.Equal(10, (await gate.ListReservationsAsync()).Reservations.Count(reservation => reservation.IsActiveAt(new DateTimeOffset(serverNow, TimeSpan.Zero))));
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
