using System.Text;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Tests.Budgets;

public sealed class JsonFileBudgetStoreTests
{
    private static readonly BudgetPolicy Monthly = new()
    {
        Name = "monthly",
        LimitUsd = 10m,
        Period = BudgetPeriodKind.Month,
        SessionType = "team",
        WarnAtPercent = 80m,
        TimeZoneId = "Asia/Shanghai",
    };

    private readonly MockCostStore _files = new();

    [Fact]
    public async Task SetBudgetAsync_NewBudget_WritesBudgetsJsonBesideTheHistory()
    {
        await Gate().SetBudgetAsync(Monthly);

        Assert.Equal(
            """
            {
              "budgets": [
                {
                  "name": "monthly",
                  "limit_usd": 10,
                  "period": "month",
                  "session_type": "team",
                  "warn_at_percent": 80,
                  "time_zone": "Asia/Shanghai"
                }
              ]
            }

            """,
            Beside("budgets.json"));
        Assert.False(_files.ExistsBeside("costs.json"));
    }

    [Fact]
    public async Task ListBudgetsAsync_WrittenBudgets_ReadBackEqual()
    {
        var daily = new BudgetPolicy { Name = "daily", LimitUsd = 0.5m, Period = BudgetPeriodKind.Day };
        await Gate().SetBudgetAsync(Monthly);
        await Gate().SetBudgetAsync(daily);

        var budgets = await Gate().ListBudgetsAsync();

        Assert.Equal([Monthly, daily], budgets);
    }

    [Fact]
    public async Task ReserveAsync_Admitted_WritesTheReservationWithItsFigures()
    {
        await Gate().SetBudgetAsync(Monthly);

        var decision = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1.25m, SessionType = "team", Name = "auth", TimeToLive = TimeSpan.FromMinutes(30) });

        Assert.True(decision.Admitted);
        Assert.Equal(
            $$"""
            {
              "reservations": [
                {
                  "id": "{{decision.Reservation!.Id}}",
                  "usd": 1.25,
                  "session_type": "team",
                  "name": "auth",
                  "budgets": [],
                  "created_at": "2026-11-20T09:15:02Z",
                  "expires_at": "2026-11-20T09:45:02Z",
                  "user": "{{Environment.UserName}}",
                  "host": "{{Environment.MachineName}}"
                }
              ]
            }

            """,
            Beside("reservations.json"));
        Assert.Equal(decision.Reservation, Assert.Single(await ReservationsAsync()) with { Budgets = decision.Reservation.Budgets, User = null, Host = null });
    }

    [Fact]
    public async Task ReserveAsync_Refused_WritesNothing()
    {
        await Gate().SetBudgetAsync(Monthly with { LimitUsd = 1m });

        var decision = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 2m, SessionType = "team" });

        Assert.False(decision.Admitted);
        Assert.False(_files.ExistsBeside("reservations.json"));
    }

    [Fact]
    public async Task ReserveAsync_RecordedSpend_CountsFromCostsJson()
    {
        await Gate().SetBudgetAsync(Monthly);
        await _files.Sink().AppendAsync(TestSessions.Stored(actualUsd: 9.5m), CancellationToken.None);

        var decision = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m, SessionType = "team" });

        Assert.False(decision.Admitted);
        Assert.Equal(9.5m, Assert.Single(decision.Exceeding).SpentUsd);
    }

    [Fact]
    public async Task SettleAsync_ActiveReservation_AppendsTheSessionAndRemovesTheReservation()
    {
        await _files.Sink().AppendAsync(TestSessions.Stored(name: "earlier"), CancellationToken.None);
        var before = _files.Text();
        var decision = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        var outcome = await Gate().SettleAsync(decision.Reservation!.Id, TestSessions.Stored(name: "settled"));

        Assert.Equal(ReservationState.Active, outcome.State);
        Assert.Equal(["earlier", "settled"], (await _files.ReadAllAsync()).Select(session => session.Name));
        Assert.StartsWith(before.TrimEnd()[..^1].TrimEnd(), _files.Text(), StringComparison.Ordinal);
        Assert.Empty(await ReservationsAsync());
    }

    [Fact]
    public async Task SettleAsync_UnknownReservation_StillAppendsTheSession()
    {
        var outcome = await Gate().SettleAsync("r-none", TestSessions.Stored());

        Assert.Equal(ReservationState.NotFound, outcome.State);
        Assert.Single(await _files.ReadAllAsync());
        Assert.False(_files.ExistsBeside("reservations.json"));
    }

    [Fact]
    public async Task ReserveAsync_ReservationExpiredForAWeek_IsSweptByTheNextWrite()
    {
        var first = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.FromMinutes(15) });
        _files.Time.Advance(Reservation.KeptAfterExpiry + TimeSpan.FromMinutes(16));

        var second = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        Assert.Equal([second.Reservation!.Id], (await ReservationsAsync()).Select(reservation => reservation.Id));
        Assert.NotEqual(first.Reservation!.Id, second.Reservation.Id);
    }

    [Fact]
    public async Task ReleaseAsync_ActiveReservation_RemovesItFromTheFile()
    {
        var decision = await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        var outcome = await Gate().ReleaseAsync(decision.Reservation!.Id);

        Assert.Equal(ReservationState.Active, outcome.State);
        Assert.Equal("{\n  \"reservations\": []\n}\n", Beside("reservations.json"));
    }

    [Fact]
    public async Task ReserveAsync_ManyGatesAtOnce_AdmitExactlyWhatTheLimitHolds()
    {
        await Gate().SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 10m, Period = BudgetPeriodKind.Month });

        var decisions = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Task.Run(() => Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m }))));

        Assert.Equal(10, decisions.Count(decision => decision.Admitted));
        Assert.Equal(10, (await ReservationsAsync()).Count);
    }

    [Theory]
    [InlineData("budgets.json", "{\"budgets\": [ {\"name\": \"x\" ", "budgets.json")]
    [InlineData("budgets.json", "{\"budgets\": [{\"name\": \"x\", \"limit_usd\": 1, \"period\": \"year\", \"time_zone\": \"UTC\"}]}", "budget 1: its period must be")]
    [InlineData("budgets.json", "{\"budgets\": [{\"name\": \"x\", \"limit_usd\": -1, \"period\": \"day\", \"time_zone\": \"UTC\"}]}", "cannot be negative")]
    [InlineData("budgets.json", "[]", "budgets.json")]
    [InlineData("reservations.json", "{\"reservations\": [{\"id\": \"\", \"usd\": 1, \"created_at\": \"2026-11-20T09:00:00Z\", \"expires_at\": \"2026-11-20T10:00:00Z\"}]}", "reservation 1")]
    [InlineData("reservations.json", "{\"reservations\": [{\"id\": \"r1\", \"usd\": 1, \"created_at\": \"yesterday\", \"expires_at\": \"2026-11-20T10:00:00Z\"}]}", "RFC 3339")]
    public async Task ReserveAsync_UnreadableFile_FailsNamingItAndWritesNothing(string fileName, string content, string expected)
    {
        _files.FileSystem.Directory.CreateDirectory(_files.StateDirectory);
        _files.WriteBeside(fileName, content);
        var files = _files.FilesInStateDirectory();

        var exception = await Assert.ThrowsAsync<CostFileFormatException>(() => Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m }));

        Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.Equal(content, Beside(fileName));
        Assert.Equal(files.Append("costs.json.lock").Distinct().Order(StringComparer.Ordinal), _files.FilesInStateDirectory());
    }

    [Fact]
    public async Task ChangeAsync_DecisionThrows_WritesNothing()
    {
        await _files.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);
        var before = _files.Text();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store().ChangeAsync<int>((_, _) => throw new InvalidOperationException("no"), CancellationToken.None));

        Assert.Equal(before, _files.Text());
        Assert.False(_files.ExistsBeside("reservations.json"));
    }

    [Fact]
    public async Task ChangeAsync_LockHeldByAnotherWriter_TimesOutNamingTheHistoryLock()
    {
        var store = new JsonFileBudgetStore(_files.FileSystem, Options.Create(new OmkCostOptions { StateDirectory = _files.StateDirectory, LockTimeout = TimeSpan.Zero }), TimeProvider.System);
        var gate = new BudgetGate(store, _files.Time);
        await _files.Sink().AppendAsync(TestSessions.Stored(), CancellationToken.None);
        await using var held = await Omk.Runtime.Atomic.FileLock.AcquireAsync(_files.FileSystem, _files.LockFilePath, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        var exception = await Assert.ThrowsAsync<CostStoreLockTimeoutException>(() => gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }));

        Assert.Contains("costs.json.lock", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_NoStateFolder_ReadsNothingAndCreatesNothing()
    {
        var standings = await Gate().CheckAsync();

        Assert.Empty(standings);
        Assert.False(_files.FileSystem.Directory.Exists(_files.StateDirectory));
    }

    [Fact]
    public async Task CheckAsync_LockHeldByAWriter_WaitsForItSoThatNoHalfStepIsSeen()
    {
        await Gate().SetBudgetAsync(Monthly);
        var store = new JsonFileBudgetStore(_files.FileSystem, Options.Create(new OmkCostOptions { StateDirectory = _files.StateDirectory, LockTimeout = TimeSpan.Zero }), TimeProvider.System);
        await using var held = await Omk.Runtime.Atomic.FileLock.AcquireAsync(_files.FileSystem, _files.LockFilePath, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        await Assert.ThrowsAsync<CostStoreLockTimeoutException>(() => new BudgetGate(store, _files.Time).CheckAsync());
    }

    [Fact]
    public async Task PeekAsync_LockHeldByAWriter_ReadsWithoutWaiting()
    {
        await Gate().SetBudgetAsync(Monthly);
        await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 3m, SessionType = "team" });
        var store = new JsonFileBudgetStore(_files.FileSystem, Options.Create(new OmkCostOptions { StateDirectory = _files.StateDirectory, LockTimeout = TimeSpan.Zero }), TimeProvider.System);
        await using var held = await Omk.Runtime.Atomic.FileLock.AcquireAsync(_files.FileSystem, _files.LockFilePath, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);

        var standing = Assert.Single(await new BudgetGate(store, _files.Time).PeekAsync());

        Assert.Equal(3m, standing.ReservedUsd);
    }

    [Fact]
    public async Task PeekAsync_NoBudget_DoesNotReadTheHistory()
    {
        // A history that cannot be parsed: a peek that needs no spend never touches it, one that does fails on it.
        _files.FileSystem.Directory.CreateDirectory(_files.StateDirectory);
        _files.FileSystem.File.WriteAllText(_files.FilePath, "[ not json");
        var none = await Gate().PeekAsync();
        _files.FileSystem.File.Delete(_files.FilePath);
        await Gate().SetBudgetAsync(Monthly);
        _files.FileSystem.File.WriteAllText(_files.FilePath, "[ not json");

        Assert.Empty(none);
        await Assert.ThrowsAsync<CostFileFormatException>(() => Gate().PeekAsync());
    }

    [Fact]
    public async Task CheckAsync_Reservations_Count()
    {
        await Gate().SetBudgetAsync(Monthly);
        await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 3m, SessionType = "Team" });

        var standing = Assert.Single(await Gate().CheckAsync());

        Assert.Equal(3m, standing.ReservedUsd);
    }

    [Fact]
    public async Task ReadPeekAndChange_NullFunction_ThrowArgumentNullException()
    {
        var store = Store();

        var read = await Assert.ThrowsAsync<ArgumentNullException>(() => store.ReadAsync<int>(null!, CancellationToken.None));
        var peek = await Assert.ThrowsAsync<ArgumentNullException>(() => store.PeekAsync<int>(null!, CancellationToken.None));
        var change = await Assert.ThrowsAsync<ArgumentNullException>(() => store.ChangeAsync<int>(null!, CancellationToken.None));

        Assert.Equal(("read", "read", "decide"), (read.ParamName, peek.ParamName, change.ParamName));
    }

    [Fact]
    public async Task ReadAsync_NoStateFolderAndCancelledToken_ThrowsWithoutReading()
    {
        var reads = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store().ReadAsync((_, _) => ValueTask.FromResult(++reads), TestSessions.Cancelled()));

        Assert.Equal(0, reads);
    }

    [Fact]
    public async Task PeekAsync_SpendAskedFor_CountsEverySessionOfTheHistory()
    {
        await _files.Sink().AppendAsync(TestSessions.Stored(actualUsd: 2m), CancellationToken.None);
        await _files.Sink().AppendAsync(TestSessions.Stored(actualUsd: 0.25m), CancellationToken.None);

        var spent = await Store().PeekAsync((ledger, token) => ledger.SpentAsync(BudgetPeriod.AllTime, null, token), CancellationToken.None);

        Assert.Equal(2.25m, spent);
    }

    [Fact]
    public async Task ChangeAsync_OrphanedTempFilesOfTheBudgetFiles_RemovesThem()
    {
        _files.FileSystem.Directory.CreateDirectory(_files.StateDirectory);
        _files.WriteBeside(".budgets.json.tmp.dead1", "{");
        _files.WriteBeside(".reservations.json.tmp.dead2", "{");
        _files.WriteBeside(".other.json.tmp.dead3", "{");

        await Store().ChangeAsync((_, _) => ValueTask.FromResult(new BudgetChange<int> { Result = 1 }), CancellationToken.None);

        Assert.Equal([".other.json.tmp.dead3", "costs.json.lock"], _files.FilesInStateDirectory());
    }

    [Fact]
    public async Task ChangeAsync_CancelledWhileDeciding_WritesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        var reservation = new Reservation { Id = "r1", AmountUsd = 1m, Budgets = [], CreatedAt = MockCostStore.Now, ExpiresAt = MockCostStore.Now.AddHours(1) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store().ChangeAsync(
            (_, _) =>
            {
                cancellation.Cancel();
                return ValueTask.FromResult(new BudgetChange<int> { Result = 1, AddReservation = reservation });
            },
            cancellation.Token));

        Assert.False(_files.ExistsBeside("reservations.json"));
    }

    [Fact]
    public async Task PeekAsync_ReadFails_ThrowsStoreErrorNamingTheFile()
    {
        await Gate().ReserveAsync(new ReservationRequest { AmountUsd = 1m });
        var store = StoreOn(FaultyFileSystem.Around(_files.FileSystem, (path, open) => path == Store().ReservationsFilePath ? throw new IOException("Input/output error") : open()));

        var error = await Assert.ThrowsAsync<CostStoreException>(() => store.PeekAsync((ledger, _) => ValueTask.FromResult(ledger.Reservations), CancellationToken.None));

        Assert.Equal($"could not read {store.ReservationsFilePath}: Input/output error", error.Message);
    }

    [Fact]
    public async Task ChangeAsync_WriteOfReservationsFails_ThrowsStoreErrorNamingThatFile()
    {
        var store = StoreOn(FaultyFileSystem.Around(
            _files.FileSystem,
            (path, open) => Path.GetFileName(path).StartsWith(".reservations.json.tmp.", StringComparison.Ordinal) ? new FailingWriteStream(open()) : open()));

        var error = await Assert.ThrowsAsync<CostStoreException>(() => new BudgetGate(store, _files.Time).ReserveAsync(new ReservationRequest { AmountUsd = 1m }));

        Assert.Equal($"could not write {store.ReservationsFilePath}: No space left on device", error.Message);
        Assert.False(_files.ExistsBeside("reservations.json"));
    }

    private JsonFileBudgetStore Store() => StoreOn(_files.FileSystem);

    private JsonFileBudgetStore StoreOn(System.IO.Abstractions.IFileSystem fileSystem) =>
        new(fileSystem, Options.Create(new OmkCostOptions { StateDirectory = _files.StateDirectory }), _files.Time);

    private BudgetGate Gate() => new(Store(), _files.Time);

    private Task<IReadOnlyList<Reservation>> ReservationsAsync() =>
        Store().ReadAsync((ledger, _) => ValueTask.FromResult(ledger.Reservations), CancellationToken.None);

    private string Beside(string fileName) =>
        Encoding.UTF8.GetString(_files.FileSystem.File.ReadAllBytes(_files.FileSystem.Path.Combine(_files.StateDirectory, fileName)));
}
