using System.Globalization;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Testing.Stores;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

/// <summary>
/// A gate and a settle on the state folder, each killed (SIGKILL, by itself) as it opens its 1st file, its 2nd, … until
/// one is let finish: every point between two of its file operations. The random kills of the model-based test reach
/// each point only by chance; here each is reached once.
/// </summary>
public sealed class JsonFileBudgetKillTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public Task Settle_KilledAtEachFileItOpens_RecordsItsSessionAndGivesItsReservationBackOrNeither() =>
        EachKillPointAsync(async open =>
        {
            var (gate, state) = await StoreAsync($"settle-{open}");
            var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m, SessionType = "team", Name = "run" })).Reservation!;

            var finished = await StepKilledAtAsync(state, open, "settle", reservation.Id, "3", "team", "settled", Now.UtcTicks.ToString(CultureInfo.InvariantCulture)) is not null;

            var held = (await gate.ListReservationsAsync()).Reservations.Any(listed => listed.Id == reservation.Id);
            var recorded = (await gate.PeekLedgerAsync((_, ledger, token) => ledger.RecordedAsync(["settled"], token))).ContainsKey("settled");
            Assert.True(held || recorded, $"a settle killed at its file open {open} gave its reservation back without recording its session");
            Assert.True(recorded != held, $"a settle killed at its file open {open} recorded its session and still holds its reservation: its money counts twice");
            Assert.True(!finished || (recorded && !held), $"a settle that finished at file open {open}: recorded {recorded}, still held {held}");
            Assert.Equal(1m + (recorded ? 3m : 0m) + (held ? 4m : 0m), Assert.Single(await gate.CheckAsync()).CommittedUsd);

            // The settle tried again (as a user would, not knowing how far it got) records its session once.
            await gate.SettleAsync(reservation.Id, TestSessions.Create(startedAt: Now.AddMinutes(-30), actualUsd: 3m, id: "settled"));
            Assert.Equal(4m, Assert.Single(await gate.CheckAsync()).CommittedUsd);
            Assert.DoesNotContain((await gate.ListReservationsAsync()).Reservations, listed => listed.Id == reservation.Id);
            return finished;
        });

    [Fact]
    public Task Gate_KilledAtEachFileItOpens_StoresOneListedReservationOrNone() =>
        EachKillPointAsync(async open =>
        {
            var (gate, state) = await StoreAsync($"gate-{open}");

            var acknowledged = await StepKilledAtAsync(state, open, "gate", "4", "team", "-", "60", "run");
            var finished = acknowledged is not null;

            var stored = (await gate.ListReservationsAsync()).Reservations.Where(static listed => listed.Name == "run").ToList();
            Assert.True(stored.Count <= 1, $"a gate killed at its file open {open} stored {stored.Count} reservations");
            Assert.True(!finished || stored.Single().Id == acknowledged, $"the gate that finished at file open {open} acknowledged {acknowledged}, which is not listed");
            Assert.Equal(1m + (4m * stored.Count), Assert.Single(await gate.CheckAsync()).CommittedUsd);
            return finished;
        });

    /// <summary>Runs a step killed at its 1st file open, its 2nd, … until the step says it finished.</summary>
    private static async Task EachKillPointAsync(Func<int, Task<bool>> killedAt)
    {
        for (var open = 1; !await killedAt(open); open++)
        {
            Assert.True(open < 64, "the step never finished");
        }
    }

    /// <summary>A state folder with a $10 budget of every type and $1 already recorded, and its gate in this process.</summary>
    private async Task<(BudgetGate Gate, string State)> StoreAsync(string name)
    {
        var state = _folder.Folder(name);
        var clock = new MovableClock { Now = Now };
        var fileSystem = new System.IO.Abstractions.FileSystem();
        var options = Options.Create(new OmkCostOptions { StateDirectory = state });
        var gate = new BudgetGate(new JsonFileBudgetStore(fileSystem, options, clock), clock);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "all", LimitUsd = 10m, Period = BudgetPeriodKind.Total, TimeZoneId = "UTC" });
        await new JsonFileCostSink(fileSystem, options, clock).AppendAsync(TestSessions.Create(startedAt: Now.AddHours(-1), actualUsd: 1m), CancellationToken.None);
        return (gate, state);
    }

    /// <summary>Runs a budget step in a process that kills itself as it opens its Nth file; returns what it acknowledged, or null.</summary>
    private async Task<string?> StepKilledAtAsync(string state, int open, params string[] step)
    {
        var kimi = _folder.Combine($"kimi-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(kimi, string.Empty);
        using var process = BudgetStepProcess.Start([state, Now.UtcTicks.ToString(CultureInfo.InvariantCulture), kimi, open.ToString(CultureInfo.InvariantCulture), .. step]);
        await process.EndAsync(killAfterReady: null);
        return process.Ack;
    }
}
