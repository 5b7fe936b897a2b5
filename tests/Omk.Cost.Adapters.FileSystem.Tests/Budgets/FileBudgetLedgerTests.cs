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
        var ledger = Ledger(TestSessions.Stored(actualUsd: 2m), TestSessions.Stored(actualUsd: 0.5m), TestSessions.Stored(sessionType: "kimi", actualUsd: 7m));

        var spent = await ledger.SpentAsync(BudgetPeriod.AllTime, "team", CancellationToken.None);

        Assert.Equal(2.5m, spent);
    }

    [Fact]
    public async Task SpentAsync_ReadSummary_ReadsItOnceForEveryAsk()
    {
        var reads = 0;
        var ledger = new FileBudgetLedger([], [], _ =>
        {
            reads++;
            return ValueTask.FromResult(SpendSummary.Of([TestSessions.Stored(actualUsd: 1m) with { Id = "s1" }], default));
        });

        var first = await ledger.SpentAsync(BudgetPeriod.AllTime, null, CancellationToken.None);
        var second = await ledger.SpentAsync(BudgetPeriod.AllTime, null, CancellationToken.None);
        var recorded = await ledger.RecordedAsync(["s1"], CancellationToken.None);

        Assert.Equal((1m, 1m, 1m, 1), (first, second, recorded["s1"], reads));
    }

    [Fact]
    public async Task RecordedAsync_NoIds_ReadsNoSummary()
    {
        var ledger = new FileBudgetLedger([], [], _ => throw new InvalidOperationException("no summary should be read"));

        Assert.Empty(await ledger.RecordedAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task SpentAsync_CancelledToken_Throws()
    {
        var ledger = Ledger(TestSessions.Stored(actualUsd: 1m));

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await ledger.SpentAsync(BudgetPeriod.AllTime, null, TestSessions.Cancelled()));
    }

    private static FileBudgetLedger Ledger(params SessionCost[] sessions) =>
        new([], [], _ => ValueTask.FromResult(SpendSummary.Of(sessions, default)));
}
