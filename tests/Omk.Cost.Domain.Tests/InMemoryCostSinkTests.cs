namespace Omk.Cost.Domain.Tests;

public sealed class InMemoryCostSinkTests
{
    [Fact]
    public async Task ReadAllAsync_AfterAppends_ReturnsSessionsInOrder()
    {
        var sink = new InMemoryCostSink();
        var first = TestSessions.Create(name: "first");
        var second = TestSessions.Create(name: "second");
        await sink.AppendAsync(first, CancellationToken.None);
        await sink.AppendAsync(second, CancellationToken.None);

        var sessions = await sink.ReadAllAsync(CancellationToken.None).ToListAsync();

        Assert.Equal([first, second], sessions);
    }

    [Fact]
    public async Task ReadAllAsync_AppendWhileReading_ReadsASnapshot()
    {
        var sink = new InMemoryCostSink();
        await sink.AppendAsync(TestSessions.Create(name: "first"), CancellationToken.None);
        var read = 0;

        await foreach (var session in sink.ReadAllAsync(CancellationToken.None))
        {
            read++;
            await sink.AppendAsync(TestSessions.Create(name: "during"), CancellationToken.None);
        }

        Assert.Equal(1, read);
    }

    [Fact]
    public async Task UpsertAsync_SameIdTwiceInOneBatch_KeepsTheLast()
    {
        var sink = new InMemoryCostSink();
        var last = TestSessions.Create(id: "kimi:1", estimatedUsd: 2m);

        await sink.UpsertAsync([TestSessions.Create(id: "kimi:1"), last], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal([last], await sink.ReadAllAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task UpsertAsync_DryRun_CountsAsTheUpsertWouldAndChangesNothing()
    {
        var sink = new InMemoryCostSink();
        var stored = TestSessions.Create(id: "kimi:1");
        await sink.UpsertAsync([stored], UpsertMode.Apply, CancellationToken.None);
        SessionCost[] batch = [stored, TestSessions.Create(id: "kimi:2"), TestSessions.Create(id: "kimi:2", estimatedUsd: 2m)];

        var planned = await sink.UpsertAsync(batch, UpsertMode.DryRun, CancellationToken.None);
        var after = await sink.ReadAllAsync(CancellationToken.None).ToListAsync();

        Assert.Equal((new UpsertOutcome(Added: 1, Replaced: 1, Unchanged: 1), 1), (planned, after.Count));
    }

    [Fact]
    public async Task ExistsAsync_EmptyThenOneSession_IsFalseThenTrue()
    {
        var sink = new InMemoryCostSink();
        var before = await sink.ExistsAsync(CancellationToken.None);
        await sink.AppendAsync(TestSessions.Create(), CancellationToken.None);

        Assert.Equal((false, true), (before, await sink.ExistsAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task UpsertAsync_SessionsWithDetails_ComparesThemByValue()
    {
        var sink = new InMemoryCostSink();
        static SessionCost Imported() => TestSessions.Create(id: "kimi:1") with { Details = new SessionUsageDetails { Model = "kimi-k2.6", CacheReadTokens = 5 } };
        await sink.UpsertAsync([Imported()], UpsertMode.Apply, CancellationToken.None);

        var outcome = await sink.UpsertAsync([Imported()], UpsertMode.Apply, CancellationToken.None);

        Assert.Equal(new UpsertOutcome(0, 0, 1), outcome);
    }

    [Fact]
    public async Task UpsertAsync_SessionsWithoutId_AreNeverReplaced()
    {
        var sink = new InMemoryCostSink();
        var plain = TestSessions.Create(name: "plain");
        await sink.AppendAsync(plain, CancellationToken.None);

        await sink.UpsertAsync([TestSessions.Create(id: "kimi:1")], UpsertMode.Apply, CancellationToken.None);

        Assert.Same(plain, (await sink.ReadAllAsync(CancellationToken.None).ToListAsync())[0]);
    }

    [Fact]
    public async Task AppendAsync_ManyThreadsAtOnce_KeepsEverySession()
    {
        var sink = new InMemoryCostSink();

        await Parallel.ForAsync(0, 1000, async (index, token) => await sink.AppendAsync(TestSessions.Create(name: $"s{index}"), token));

        Assert.Equal(1000, (await sink.ReadAllAsync(CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task ReadAllAsync_CancelledTokenOnAnEmptySink_Throws()
    {
        var sink = new InMemoryCostSink();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await sink.ReadAllAsync(TestSessions.Cancelled()).ToListAsync());
    }
}
