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

        var missing = await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.AddAsync(TestSessions.Stored(id: null), CancellationToken.None));
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => outbox.AddAsync(TestSessions.Stored(id: string.Empty), CancellationToken.None));

        Assert.Equal(("session", "session"), (missing.ParamName, empty.ParamName));
        Assert.False(outbox.MayHavePending());
        await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.AddAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task MayHavePending_NothingThenAnAddedSession_IsFalseThenTrue()
    {
        var outbox = Outbox();
        Assert.False(outbox.MayHavePending());

        await outbox.AddAsync(TestSessions.Stored(id: "a"), CancellationToken.None);

        Assert.True(outbox.MayHavePending());
    }

    [Fact]
    public async Task SendEntriesAsync_SettleAndPlainRecord_GivesEachWithItsReservationAndTheSessionWithoutTheKey()
    {
        var outbox = Outbox();
        var settle = TestSessions.Create(name: "settle", id: "a") with { ExtraFields = Application.Stores.SessionExtraFieldsJson.FromJson("""{"host": "box"}""") };
        await outbox.AddAsync(settle, "r0123456789abcdef", CancellationToken.None);
        await outbox.AddAsync(TestSessions.Create(name: "plain", id: "b"), null, CancellationToken.None);
        var kept = _store.FileSystem.File.ReadAllText(outbox.Location);
        var batches = new List<IReadOnlyList<OutboxEntry>>();

        var sent = await outbox.SendEntriesAsync(
            (batch, _) =>
            {
                batches.Add(batch);
                return Task.CompletedTask;
            },
            CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Contains("\"host\": \"box\",\n    \"settles_reservation\": \"r0123456789abcdef\"\n", kept, StringComparison.Ordinal);
        var batch = Assert.Single(batches);
        Assert.Equal(["r0123456789abcdef", null], batch.Select(entry => entry.ReservationId));
        Assert.Equal(settle, batch[0].Session);
        Assert.Null(batch[1].Session.ExtraFields);
    }

    [Fact]
    public async Task SendAsync_SettleKept_GivesTheSessionWithoutTheReservationKey()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Create(name: "settle", id: "a"), "r0123456789abcdef", CancellationToken.None);
        var batches = new List<IReadOnlyList<SessionCost>>();

        await outbox.SendAsync(Collect(batches), CancellationToken.None);

        Assert.Null(Assert.Single(Assert.Single(batches)).ExtraFields);
    }

    [Fact]
    public async Task SendAsync_AddedSessions_SendsThemInOrderOnceAndLeavesNoFile()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Stored(name: "first", id: "a"), CancellationToken.None);
        await outbox.AddAsync(TestSessions.Stored(name: "second", id: "b"), CancellationToken.None);
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
    public async Task SendAsync_SendFails_PutsTheSessionsBackInTheOutboxBesideNewOnes()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Stored(id: "a"), CancellationToken.None);

        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException("store away"), CancellationToken.None));

        Assert.DoesNotContain(_store.FilesInStateDirectory(), name => name.Contains(".sending-", StringComparison.Ordinal));
        Assert.True(_store.ExistsBeside("costs-outbox.json"));
        Assert.True(outbox.MayHavePending());

        await outbox.AddAsync(TestSessions.Stored(id: "b"), CancellationToken.None);
        var batches = new List<IReadOnlyList<SessionCost>>();
        var sent = await outbox.SendAsync(Collect(batches), CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal(["a", "b"], Assert.Single(batches).Select(session => session.Id));
        Assert.False(outbox.MayHavePending());
        Assert.Empty(outbox.SetAside);
    }

    [Fact]
    public async Task SendAsync_SendFailsTwice_KeepsEachSessionOnceInTheOutbox()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Stored(id: "old"), CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException(), CancellationToken.None));
        _store.Time.Advance(TimeSpan.FromMinutes(1));
        await outbox.AddAsync(TestSessions.Stored(id: "new"), CancellationToken.None);
        await Assert.ThrowsAsync<TimeoutException>(() => outbox.SendAsync((_, _) => throw new TimeoutException(), CancellationToken.None));

        var batches = new List<IReadOnlyList<SessionCost>>();
        Assert.Equal(2, await outbox.SendAsync(Collect(batches), CancellationToken.None));

        Assert.Equal(["old", "new"], Assert.Single(batches).Select(session => session.Id));
    }

    [Theory]
    [InlineData("[\n  {\n    \"session_type\": \"te", "is not a readable cost history at line 3")]
    [InlineData("{}", "is not a readable cost history")]
    public async Task SendAsync_UnreadableOutbox_MovesItAsideSaysSoOnceAndSendsNothing(string text, string why)
    {
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);
        _store.WriteBeside("costs-outbox.json", text);
        var outbox = Outbox();
        var batches = new List<IReadOnlyList<SessionCost>>();

        Assert.Equal(0, await outbox.SendAsync(Collect(batches), CancellationToken.None));

        Assert.Empty(batches);
        var aside = outbox.Location + ".corrupt-20261120T091502Z";
        var line = Assert.Single(outbox.SetAside);
        Assert.StartsWith($"{outbox.Location} {why}", line, StringComparison.Ordinal);
        Assert.EndsWith($"; moved it to {aside}, its sessions were not sent", line, StringComparison.Ordinal);
        Assert.Equal(text, _store.FileSystem.File.ReadAllText(aside));
        Assert.False(outbox.MayHavePending());
    }

    [Fact]
    public async Task SendAsync_OutboxSessionWithoutId_MovesTheWholeFileAsideAndSendsNothing()
    {
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);
        var withoutId = CostFiles.WithIds("a", "b").Replace("\"id\": \"b\",", string.Empty, StringComparison.Ordinal);
        _store.WriteBeside("costs-outbox.json", withoutId);
        var outbox = Outbox();
        var batches = new List<IReadOnlyList<SessionCost>>();

        Assert.Equal(0, await outbox.SendAsync(Collect(batches), CancellationToken.None));

        Assert.Empty(batches);
        Assert.StartsWith($"{outbox.Location} is not a readable outbox: its session 2 has no id", Assert.Single(outbox.SetAside), StringComparison.Ordinal);
        Assert.Equal(withoutId, _store.FileSystem.File.ReadAllText(outbox.Location + ".corrupt-20261120T091502Z"));
    }

    [Fact]
    public async Task SendAsync_LeftoverUnreadableSendingFile_MovesItAsideNamingItAndSendsTheRest()
    {
        _store.FileSystem.Directory.CreateDirectory(_store.StateDirectory);
        var leftover = "costs-outbox.json.sending-20261120T091500000000Z-" + new string('0', 32);
        _store.WriteBeside(leftover, "[{");
        _store.WriteBeside("costs-outbox.json.corrupt-20261120T091502Z", "an earlier one");
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Stored(id: "good"), CancellationToken.None);
        var batches = new List<IReadOnlyList<SessionCost>>();

        Assert.Equal(1, await outbox.SendAsync(Collect(batches), CancellationToken.None));

        Assert.Equal("good", Assert.Single(Assert.Single(batches)).Id);
        var path = _store.FileSystem.Path.Combine(_store.StateDirectory, leftover);
        Assert.StartsWith($"{path} is not a readable cost history", Assert.Single(outbox.SetAside), StringComparison.Ordinal);
        Assert.EndsWith($"; moved it to {outbox.Location}.corrupt-20261120T091502Z-2, its sessions were not sent", Assert.Single(outbox.SetAside), StringComparison.Ordinal);
        Assert.Equal("[{", _store.FileSystem.File.ReadAllText(outbox.Location + ".corrupt-20261120T091502Z-2"));
        Assert.False(outbox.MayHavePending());
    }

    [Fact]
    public async Task SendAsync_IoFailure_IsAStoreErrorNamingTheOutbox()
    {
        var outbox = Outbox();
        await outbox.AddAsync(TestSessions.Stored(id: "a"), CancellationToken.None);

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
