using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

public sealed class RealDiskBudgetStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Gate_OnTheRealDisk_WritesBothFilesForTheOwnerAloneAndLeavesNoTempFile()
    {
        var state = _folder.Combine("state");
        var gate = new BudgetGate(
            new JsonFileBudgetStore(new System.IO.Abstractions.FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = state }), TimeProvider.System),
            TimeProvider.System);

        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 10m, Period = BudgetPeriodKind.Month });
        var decision = await gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        Assert.True(decision.Admitted);
        Assert.Equal(["budgets.json", "costs.json.lock", "reservations.json"], Directory.GetFiles(state).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "budgets.json")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, "reservations.json")));
        }
    }

    [Fact]
    public async Task Gate_BudgetsFileIsANamedPipe_IsRefusedAtOnceNamingIt()
    {
        var state = _folder.Combine("state");
        Directory.CreateDirectory(state);
        var budgets = Path.Combine(state, "budgets.json");
        Omk.Tests.Unix.Unix.MakeFifo(budgets);
        var gate = new BudgetGate(
            new JsonFileBudgetStore(new System.IO.Abstractions.FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = state }), TimeProvider.System),
            TimeProvider.System);

        var exception = await Assert.ThrowsAsync<Omk.Cost.Domain.CostStoreException>(
            () => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }).WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(
            $"{budgets} is a named pipe (FIFO), not a regular file: a list of budgets is kept only in a regular file; move it away and retry",
            exception.Message);
    }
}
