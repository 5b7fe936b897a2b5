using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

public sealed class FileBudgetLedgerTests
{
    [Fact]
    public async Task SpentAsync_Sessions_AddsTheirCostsOfTheType()
    {
        var ledger = new FileBudgetLedger([], [], [TestSessions.Create(actualUsd: 2m), TestSessions.Create(actualUsd: 0.5m), TestSessions.Create(sessionType: "kimi", actualUsd: 7m)]);

        var spent = await ledger.SpentAsync(BudgetPeriod.AllTime, "team", CancellationToken.None);

        Assert.Equal(2.5m, spent);
    }

    [Fact]
    public async Task SpentAsync_ReadSessions_ReadsThemOnceForEveryAsk()
    {
        var reads = 0;
        var ledger = new FileBudgetLedger([], [], _ =>
        {
            reads++;
            return ValueTask.FromResult<IReadOnlyList<SessionCost>>([TestSessions.Create(actualUsd: 1m)]);
        });

        var first = await ledger.SpentAsync(BudgetPeriod.AllTime, null, CancellationToken.None);
        var second = await ledger.SpentAsync(BudgetPeriod.AllTime, null, CancellationToken.None);

        Assert.Equal((1m, 1m, 1), (first, second, reads));
    }

    [Fact]
    public async Task SpentAsync_CancelledToken_Throws()
    {
        var ledger = new FileBudgetLedger([], [], [TestSessions.Create(actualUsd: 1m)]);

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await ledger.SpentAsync(BudgetPeriod.AllTime, null, TestSessions.Cancelled()));
    }
}
