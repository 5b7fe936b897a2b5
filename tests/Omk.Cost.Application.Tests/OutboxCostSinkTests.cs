using Omk.Cost.Domain;

namespace Omk.Cost.Application.Tests;

public sealed class OutboxCostSinkTests
{
    [Fact]
    public async Task AppendAsync_StoreReachable_StoresTheSessionWithANewIdAndKeepsNothing()
    {
        var store = new InMemoryCostSink();
        var outbox = new ListOutbox();
        var sink = new OutboxCostSink(store, outbox, onKeptInOutbox: null);

        await sink.AppendAsync(TestSessions.Create(), CancellationToken.None);

        var stored = Assert.Single(await Stores.Read(store));
        Assert.False(string.IsNullOrEmpty(stored.Id));
        Assert.Empty(outbox.Pending);
    }

    [Fact]
    public async Task AppendAsync_SessionWithAnId_KeepsIt()
    {
        var store = new InMemoryCostSink();

        await new OutboxCostSink(store, new ListOutbox(), null).AppendAsync(TestSessions.Create(id: "r-given"), CancellationToken.None);

        Assert.Equal("r-given", Assert.Single(await Stores.Read(store)).Id);
    }

    [Fact]
    public async Task AppendAsync_StoreUnavailable_KeepsTheSessionInTheOutboxWithItsIdAndSaysSo()
    {
        var outbox = new ListOutbox();
        var unavailable = new CostStoreUnavailableException("the team store is down");
        CostStoreUnavailableException? told = null;
        var sink = new OutboxCostSink(new UnavailableStore(unavailable), outbox, exception => told = exception);

        await sink.AppendAsync(TestSessions.Create(), CancellationToken.None);

        var kept = Assert.Single(outbox.Pending);
        Assert.False(string.IsNullOrEmpty(kept.Id));
        Assert.Same(unavailable, told);
    }

    [Fact]
    public async Task EveryOperation_FirstToReachTheStore_SendsTheOutboxFirstAndOnlyOnce()
    {
        foreach (var operation in Operations)
        {
            var store = new InMemoryCostSink();
            var outbox = new ListOutbox(TestSessions.Create(name: "waiting", id: "r-waiting"));
            var sink = new OutboxCostSink(store, outbox, null);

            await operation(sink);
            await operation(sink);

            Assert.Equal(1, outbox.Sends);
            Assert.Equal(1, sink.SentFromOutbox);
            Assert.Empty(outbox.Pending);
        }
    }

    [Fact]
    public async Task ReadAllAsync_AfterTheOutboxIsSent_SeesTheSentSessionsAndTheStoredOnes()
    {
        var store = new InMemoryCostSink();
        await store.AppendAsync(TestSessions.Create(name: "stored", id: "r-stored"), CancellationToken.None);
        var sink = new OutboxCostSink(store, new ListOutbox(TestSessions.Create(name: "waiting", id: "r-waiting")), null);

        var names = (await Stores.Read(sink)).Select(session => session.Name).Order(StringComparer.Ordinal);

        Assert.Equal(["stored", "waiting"], names);
    }

    [Fact]
    public async Task SendOutbox_NothingPending_SendsNothing()
    {
        var outbox = new ListOutbox { SaysPending = false };
        var sink = new OutboxCostSink(new InMemoryCostSink(), outbox, null);

        Assert.False(await sink.ExistsAsync(CancellationToken.None));

        Assert.Equal(0, outbox.Sends);
    }

    [Fact]
    public async Task UpsertExistsAndClear_PassToTheStore()
    {
        var store = new InMemoryCostSink();
        var sink = new OutboxCostSink(store, new ListOutbox(), null);

        var outcome = await sink.UpsertAsync([TestSessions.Create(id: "r-1"), TestSessions.Create(id: "r-2")], UpsertMode.Apply, CancellationToken.None);
        var exists = await sink.ExistsAsync(CancellationToken.None);
        var cleared = await sink.ClearAsync(CancellationToken.None);

        Assert.Equal(2, outcome.Added);
        Assert.True(exists);
        Assert.Equal(2, cleared.RemovedSessions);
        Assert.Empty(await Stores.Read(store));
        Assert.Equal("memory", sink.Location);
    }

    [Fact]
    public async Task SummarizeAsync_StoreWithoutSummaries_ReportsFromItsSessions()
    {
        var store = new InMemoryCostSink();
        var sink = new OutboxCostSink(store, new ListOutbox(TestSessions.Create(name: "waiting", estimatedUsd: 2m, id: "r-w")), null);
        await store.AppendAsync(TestSessions.Create(name: "stored", estimatedUsd: 1m, id: "r-s"), CancellationToken.None);

        var groups = new List<CostReportGroup>();
        await foreach (var group in sink.SummarizeAsync(new CostReportQuery(), CancellationToken.None))
        {
            groups.Add(group);
        }

        var team = Assert.Single(groups);
        Assert.Equal(3m, team.SpentUsd);
        Assert.Equal(2, team.Sessions);
    }

    private static readonly Func<OutboxCostSink, Task>[] Operations =
    [
        sink => sink.AppendAsync(TestSessions.Create(name: "new"), CancellationToken.None),
        sink => sink.UpsertAsync([TestSessions.Create(id: "r-up")], UpsertMode.Apply, CancellationToken.None),
        sink => Stores.Read(sink),
        sink => sink.ExistsAsync(CancellationToken.None),
        sink => sink.ClearAsync(CancellationToken.None),
        async sink =>
        {
            await foreach (var group in sink.SummarizeAsync(new CostReportQuery(), CancellationToken.None))
            {
                _ = group;
            }
        },
    ];
}
