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

        await sink.UpsertAsync([TestSessions.Create(id: "kimi:1"), last], CancellationToken.None);

        Assert.Equal([last], await sink.ReadAllAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task UpsertAsync_SessionsWithoutId_AreNeverReplaced()
    {
        var sink = new InMemoryCostSink();
        var plain = TestSessions.Create(name: "plain");
        await sink.AppendAsync(plain, CancellationToken.None);

        await sink.UpsertAsync([TestSessions.Create(id: "kimi:1")], CancellationToken.None);

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
