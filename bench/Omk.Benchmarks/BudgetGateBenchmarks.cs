using System.IO.Abstractions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Benchmarks;

/// <summary>
/// A gate beside a record, on the real disk, over a <c>costs.json</c> of <see cref="Sessions"/> sessions and two budgets
/// (a monthly one and a daily one scoped to a type), all put back before every operation: the gate must take at most
/// a record's time plus 5 ms. Like <see cref="JsonFileSinkRecordBenchmarks"/>, one call per iteration and many warm-up
/// iterations, so that the JIT reaches its optimised tier.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostsFileThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 30, iterationCount: 20)]
public class BudgetGateBenchmarks
{
    private static readonly ReservationRequest Request = new() { AmountUsd = 0.5m, SessionType = "team", Name = "bench", TimeToLive = TimeSpan.FromHours(1) };

    private TempFolder _folder = null!;
    private JsonFileCostSink _sink = null!;
    private CostTracker _tracker = null!;
    private BudgetGate _gate = null!;
    private byte[] _pristine = null!;
    private SessionCost _session = null!;
    private string _reservations = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder("omk-bench-gate-");
        var fileSystem = new FileSystem();
        var options = Options.Create(new OmkCostOptions { StateDirectory = _folder.Path });
        _sink = new JsonFileCostSink(fileSystem, options, TimeProvider.System);
        _tracker = new CostTracker(_sink);
        var store = new JsonFileBudgetStore(fileSystem, options, TimeProvider.System);
        _reservations = store.ReservationsFilePath;
        _gate = new BudgetGate(store, TimeProvider.System);
        _pristine = CostsFile.Bytes(Sessions);
        _session = BenchmarkSessions.NewTeamSession();
        CostsFile.WriteDurably(_sink.FilePath, _pristine);
        _gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = decimal.MaxValue / 2, Period = BudgetPeriodKind.Month, TimeZoneId = "Europe/Berlin" }).GetAwaiter().GetResult();
        _gate.SetBudgetAsync(new BudgetPolicy { Name = "team-daily", LimitUsd = decimal.MaxValue / 2, Period = BudgetPeriodKind.Day, SessionType = "team", WarnAtPercent = 80m }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    /// <summary>Puts the history back and empties the reservations, flushed to disk, so that every operation sees the same state.</summary>
    [IterationSetup]
    public void Restore()
    {
        CostsFile.WriteDurably(_sink.FilePath, _pristine);
        CostsFile.WriteDurably(_reservations, "{\n  \"reservations\": []\n}\n"u8.ToArray());
    }

    /// <summary>One record: lock, read and check the whole history, rewrite it atomically.</summary>
    [Benchmark(Baseline = true)]
    public Task Record() => _tracker.RecordAsync(_session);

    /// <summary>One gate: lock, read the history, the budgets and the reservations, decide, write the reservations atomically.</summary>
    [Benchmark]
    public Task<GateDecision> Gate() => _gate.ReserveAsync(Request);

    /// <summary>One check of every budget: lock, read, add up.</summary>
    [Benchmark]
    public Task<IReadOnlyList<BudgetStanding>> Check() => _gate.CheckAsync();
}
