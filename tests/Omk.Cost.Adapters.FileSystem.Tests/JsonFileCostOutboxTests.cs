using Microsoft.Extensions.Options;
using NSubstitute;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class JsonFileCostOutboxTests
{
    private readonly MockCostStore _store = new();

    [Fact]
    public void Location_IsTheOutboxFileOfTheStateFolder()
    {
        Assert.Equal(_store.FileSystem.Path.Combine(_store.StateDirectory, "costs-outbox.json"), Outbox().Location);
        Assert.Equal("costs-outbox.json", JsonFileCostOutbox.FileName);
    }

    [Fact]
    public async Task AddAsync_SessionWithoutId_IsRefusedAndWritesNothing()
    {
        var outbox = Outbox();

        var missing = await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.AddAsync(TestSessions.Create(id: null), CancellationToken.None));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => outbox.AddAsync(TestSessions.Create(id: string.Empty), CancellationToken.None));

        Assert.Equal(("session", "session"), (missing.ParamName, empty.ParamName));
        Assert.False(outbox.MayHavePending());
        await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.AddAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task MayHavePending_NothingThenAnAddedSession_IsFalseThenTrue()
    {
        var outbox = Outbox();
        Assert.False(outbox.MayHavePending());

        await outbox.AddAsync(TestSessions.Create(id: "a"), CancellationToken.None);

        Assert.True(outbox.MayHavePending());
    }

    [Fact]
    public async Task SendAsync_AddedSessions_SendsThemInOrderOnceAndLeavesNoFile()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Create(name: "first", id: "a"), CancellationToken.None);
        await outbox.AddAsync(TestSessions.Create(name: "second", id: "b"), CancellationToken.None);
        var batches = new List<IReadOnlyList<SessionCost>>();

        var sent = await outbox.SendAsync(Collect(batches), CancellationToken.None);

        Assert.Equal(2, sent);
        var batch = Assert.Single(batches);
        Assert.Equal(["a", "b"], batch.Select(session => session.Id));
        Assert.Equal(["first", "second"], batch.Select(session => session.Name));
        Assert.DoesNotContain(_store.FilesInStateDirectory(), name => name.StartsWith("costs-outbox.json", StringComparison.Ordinal) && !name.EndsWith(".lock", StringComparison.Ordinal));
        Assert.False(outbox.MayHavePending());
        Assert.Equal(0, await outbox.SendAsync(Collect(batches), CancellationToken.None));
        Assert.Single(batches);
    }

    [Fact]
    public async Task SendAsync_NoStateFolder_SendsNothing()
    {
        var batches = new List<IReadOnlyList<SessionCost>>();

        Assert.Equal(0, await Outbox().SendAsync(Collect(batches), CancellationToken.None));
        Assert.Empty(batches);
    }

    [Fact]
    public async Task SendAsync_SendFails_KeepsTheSessionsForTheNextSendBesideNewOnes()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Create(id: "a"), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException("store away"), CancellationToken.None));

        var sending = Assert.Single(_store.FilesInStateDirectory(), name => name.StartsWith("costs-outbox.json.sending-", StringComparison.Ordinal));
        Assert.False(_store.ExistsBeside("costs-outbox.json"));
        Assert.True(outbox.MayHavePending());

        await outbox.AddAsync(TestSessions.Create(id: "b"), CancellationToken.None);
        var batches = new List<IReadOnlyList<SessionCost>>();
        var sent = await outbox.SendAsync(Collect(batches), CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal(["a", "b"], batches.SelectMany(batch => batch).Select(session => session.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, batches.Count);
        Assert.False(_store.ExistsBeside(sending));
        Assert.False(outbox.MayHavePending());
    }

    [Fact]
    public async Task SendAsync_LeftoverSendingFiles_SendsThemOldestFirst()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Create(id: "old"), CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException(), CancellationToken.None));
        _store.Time.Advance(TimeSpan.FromMinutes(1));
        await outbox.AddAsync(TestSessions.Create(id: "new"), CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException(), CancellationToken.None));
        Assert.Equal(2, _store.FilesInStateDirectory().Count(name => name.Contains(".sending-", StringComparison.Ordinal)));

        var batches = new List<IReadOnlyList<SessionCost>>();
        Assert.Equal(2, await outbox.SendAsync(Collect(batches), CancellationToken.None));

        Assert.Equal(["old", "new"], batches.Select(batch => Assert.Single(batch).Id));
    }

    [Fact]
    public async Task SendAsync_IoFailure_IsAStoreErrorNamingTheOutbox()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Create(id: "a"), CancellationToken.None);

        var exception = await Assert.ThrowsAsync<CostStoreException>(() => outbox.SendAsync((_, _) => throw new IOException("disk gone"), CancellationToken.None));

        Assert.Equal($"could not send the outbox {outbox.Location}: disk gone", exception.Message);
        Assert.IsType<IOException>(exception.InnerException);
        await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.SendAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_EmptyOutbox_SendsNoBatchAndRemovesIt()
    {
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);
        _store.WriteBeside("costs-outbox.json", "[]\n");
        var batches = new List<IReadOnlyList<SessionCost>>();

        var sent = await Outbox().SendAsync(Collect(batches), CancellationToken.None);

        Assert.Equal((0, 0), (sent, batches.Count));
        Assert.Equal(["costs-outbox.json.lock"], _store.FilesInStateDirectory());
    }

    [Fact]
    public async Task SendAsync_SendingFilesListedNewestFirst_SendsThemOldestFirst()
    {
        // Written newest first, so that a listing in the order of creation is the wrong order.
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);
        _store.WriteBeside("costs-outbox.json.sending-20261120T101500000000Z-" + new string('f', 32), CostFiles.WithIds("new"));
        _store.WriteBeside("costs-outbox.json.sending-20261120T091500000000Z-" + new string('0', 32), CostFiles.WithIds("old"));
        var batches = new List<IReadOnlyList<SessionCost>>();

        Assert.Equal(2, await Outbox().SendAsync(Collect(batches), CancellationToken.None));

        Assert.Equal(["old", "new"], batches.Select(batch => Assert.Single(batch).Id));
    }

    [Fact]
    public void Constructor_NullArguments_NameEachInOrderBeforeReadingTheOptions()
    {
        var unread = Substitute.For<IOptions<OmkCostOptions>>();
        unread.Value.Returns<OmkCostOptions>(_ => throw new InvalidOperationException("options read"));

        var fileSystem = Assert.Throws<ArgumentNullException>(() => new JsonFileCostOutbox(null!, null!, null!));
        var options = Assert.Throws<ArgumentNullException>(() => new JsonFileCostOutbox(_store.FileSystem, null!, _store.Time));
        var timeProvider = Assert.Throws<ArgumentNullException>(() => new JsonFileCostOutbox(_store.FileSystem, unread, null!));

        Assert.Equal(("fileSystem", "options", "timeProvider"), (fileSystem.ParamName, options.ParamName, timeProvider.ParamName));
    }

    private static Func<IReadOnlyList<SessionCost>, CancellationToken, Task> Collect(List<IReadOnlyList<SessionCost>> batches) =>
        (sessions, _) =>
        {
            batches.Add(sessions);
            return Task.CompletedTask;
        };

    private JsonFileCostOutbox Outbox() =>
        new(_store.FileSystem, Options.Create(new OmkCostOptions { StateDirectory = _store.StateDirectory }), _store.Time);
}
