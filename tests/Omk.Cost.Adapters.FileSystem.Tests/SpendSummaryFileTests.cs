using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem.Tests;

/// <summary>
/// The spend summary beside costs.json, on the real disk: its sums are the full read's, and a summary that is not of
/// the history's bytes as they are now is never used, however it came to be stale.
/// </summary>
public sealed class SpendSummaryFileTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly System.IO.Abstractions.FileSystem _fileSystem = new();
    private readonly JsonFileCostSink _sink;
    private readonly string _history;
    private readonly string _summary;

    public SpendSummaryFileTests()
    {
        _sink = new JsonFileCostSink(_fileSystem, Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System);
        _history = _sink.FilePath;
        _summary = _history + SpendSummaryFile.Suffix;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReadSpendSummaryAsync_RandomLedgersWrittenByOmkAndByOthers_AddsUpWhatAFullReadAddsUp()
    {
        var random = new Random(20261207);
        string[] types = ["team", "Team", "ralph", "kimi"];
        var zones = new[] { "Etc/UTC", "Asia/Kathmandu", "America/St_Johns" }.Select(TimeZoneInfo.FindSystemTimeZoneById).ToList();
        for (var step = 0; step < 30; step++)
        {
            var session = new SessionCost
            {
                SessionType = types[random.Next(types.Length)],
                Name = "run",
                StartedAt = Start.AddTicks(random.NextInt64(-TimeSpan.TicksPerDay * 60, TimeSpan.TicksPerDay)),
                Estimate = new CostEstimate(1, 1, 1, 1, random.Next(0, 100_000) * 0.0001m, PricingTier.Standard),
                ActualUsd = random.Next(2) == 0 ? random.Next(0, 1000) * 0.01m : null,
                Id = random.Next(3) == 0 ? null : "s" + random.Next(20),
            };
            if (random.Next(4) == 0)
            {
                // Another program (the Rust omk) rewrites the file in place, knowing nothing of the summary.
                var bytes = await File.ReadAllBytesAsync(_history);
                var other = JsonFileCostSinkFor(_folder.Folder("other-" + step));
                await File.WriteAllBytesAsync(other.FilePath, bytes);
                await other.AppendAsync(session, CancellationToken.None);
                await File.WriteAllBytesAsync(_history, await File.ReadAllBytesAsync(other.FilePath));
            }
            else
            {
                await _sink.AppendAsync(session, CancellationToken.None);
            }

            var sessions = await ReadAllAsync();
            var summary = await _sink.ReadSpendSummaryAsync(CancellationToken.None);
            var zone = zones[random.Next(zones.Count)];
            foreach (var kind in Enum.GetValues<BudgetPeriodKind>())
            {
                var period = BudgetPeriod.Containing(kind, Start, zone);
                Assert.Equal(BudgetSpend.Total(sessions, period, null), summary.Spent(period, null));
                Assert.Equal(BudgetSpend.Total(sessions, period, "team"), summary.Spent(period, "team"));
            }

            string[] ids = [.. Enumerable.Range(0, 20).Select(static index => "s" + index)];
            Assert.Equal(BudgetSpend.Recorded(sessions, ids).OrderBy(static pair => pair.Key), summary.Recorded(ids).OrderBy(static pair => pair.Key));
        }
    }

    [Fact]
    public async Task AssignIdsAsync_AfterASummary_TheNextSummaryHasTheIdsGiven()
    {
        await _sink.AppendAsync(Session(1m), CancellationToken.None);
        await _sink.AppendAsync(Session(2m) with { Id = "kept" }, CancellationToken.None);
        Assert.Empty((await _sink.ReadSpendSummaryAsync(CancellationToken.None)).Recorded(["given-1"]));

        var assigned = await _sink.AssignIdsAsync(static _ => "given-1", CancellationToken.None);
        var summary = await _sink.ReadSpendSummaryAsync(CancellationToken.None);

        Assert.Equal(1, assigned);
        Assert.Equal(1m, summary.Recorded(["given-1"])["given-1"]);
        Assert.Equal(2m, summary.Recorded(["kept"])["kept"]);
        Assert.Equal(3m, summary.Spent(BudgetPeriod.AllTime, null));
    }

    [Fact]
    public async Task ReadSpendSummaryAsync_HistoryRewrittenInPlaceWithTheSameSizeAndModificationTime_IsNotUsed()
    {
        await _sink.AppendAsync(Session(1.25m), CancellationToken.None);
        await WaitUntilSettledAsync();
        var settled = await _sink.ReadSpendSummaryAsync(CancellationToken.None);
        Assert.False(settled.Marks.Racy);
        Assert.False(Load()!.Marks.Racy);

        // The same number of bytes, the same modification time: only the status-change time and the bytes tell.
        var modified = File.GetLastWriteTimeUtc(_history);
        var text = await File.ReadAllTextAsync(_history);
        Assert.Contains("1.25", text, StringComparison.Ordinal);
        await using (var stream = new FileStream(_history, FileMode.Open, FileAccess.Write))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text.Replace("1.25", "9.75", StringComparison.Ordinal)));
        }

        File.SetLastWriteTimeUtc(_history, modified);

        var summary = await _sink.ReadSpendSummaryAsync(CancellationToken.None);

        Assert.Equal(9.75m, summary.Spent(BudgetPeriod.AllTime, null));
        Assert.Equal(9.75m, Load()!.Spent(BudgetPeriod.AllTime, null));
    }

    [Fact]
    public async Task ReadSpendSummaryAsync_RacySummaryOfOtherBytesWithTheHistorysStamp_IsNotUsed()
    {
        await _sink.AppendAsync(Session(2m), CancellationToken.None);
        var stamp = FileStamps.Of(_fileSystem, _history)!.Value;
        var forged = SpendSummary.Of([Session(500m)], new SummaryMarks(stamp, UInt128.One, Racy: true));
        await File.WriteAllBytesAsync(_summary, forged.Serialize());

        var summary = await _sink.ReadSpendSummaryAsync(CancellationToken.None);

        Assert.Equal(2m, summary.Spent(BudgetPeriod.AllTime, null));
    }

    [Fact]
    public async Task ReadSpendSummaryAsync_DamagedSummary_IsRebuiltFromTheHistory()
    {
        await _sink.AppendAsync(Session(3m), CancellationToken.None);
        await _sink.ReadSpendSummaryAsync(CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(_summary);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(_summary, bytes);
        Assert.Null(SpendSummary.TryParse(bytes));

        var summary = await _sink.ReadSpendSummaryAsync(CancellationToken.None);

        Assert.Equal(3m, summary.Spent(BudgetPeriod.AllTime, null));
        Assert.Equal(3m, Load()!.Spent(BudgetPeriod.AllTime, null));
    }

    [Fact]
    public async Task Gate_AfterRecords_KeepsTheSummaryForTheOwnerAloneAndNeverWritesThroughALinkAtItsName()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var outside = _folder.Combine("outside.bin");
        await File.WriteAllTextAsync(outside, "not omk's");
        await _sink.AppendAsync(Session(1m), CancellationToken.None);
        File.CreateSymbolicLink(_summary, outside);
        var gate = new BudgetGate(new JsonFileBudgetStore(_fileSystem, Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System), TimeProvider.System);
        await gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = 10m, Period = BudgetPeriodKind.Total });

        var decision = await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m });
        await _sink.AppendAsync(Session(4m), CancellationToken.None);
        var standing = Assert.Single(await gate.CheckAsync());

        Assert.Equal(1m, Assert.Single(decision.Budgets).SpentUsd);
        Assert.Equal(5m, standing.SpentUsd);
        Assert.Equal("not omk's", await File.ReadAllTextAsync(outside));
        Assert.Null(new FileInfo(_summary).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_summary));
        Assert.Equal(5m, Load()!.Spent(BudgetPeriod.AllTime, null));
    }

    private static SessionCost Session(decimal estimated) => new()
    {
        SessionType = "team",
        Name = "run",
        StartedAt = Start,
        Estimate = new CostEstimate(1, 1, 1, 1, estimated, PricingTier.Standard),
    };

    private JsonFileCostSink JsonFileCostSinkFor(string folder) =>
        new(_fileSystem, Options.Create(new OmkCostOptions { StateDirectory = folder }), TimeProvider.System);

    private SpendSummary? Load() => SpendSummary.TryParse(File.ReadAllBytes(_summary));

    private async Task<List<SessionCost>> ReadAllAsync()
    {
        var sessions = new List<SessionCost>();
        await foreach (var session in _sink.ReadAllAsync(CancellationToken.None))
        {
            sessions.Add(session);
        }

        return sessions;
    }

    /// <summary>Waits until the history's last change is older than a stamp alone needs (a hang guard of minutes, not a time bound).</summary>
    private async Task WaitUntilSettledAsync()
    {
        var guard = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((DateTimeOffset.UtcNow.UtcTicks - DateTime.UnixEpoch.Ticks) * 100 - FileStamps.Of(_fileSystem, _history)!.Value.LatestNanoseconds
            <= (SpendSummaryFile.RacyWindow.Ticks * 100) + 100_000_000)
        {
            Assert.True(DateTime.UtcNow < guard, "the history's stamp never became older than the racy window");
            await Task.Delay(100);
        }
    }
}
