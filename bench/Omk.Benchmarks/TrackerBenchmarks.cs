using BenchmarkDotNet.Attributes;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>The tracker on the in-memory sink: what the domain itself costs, without any I/O.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TrackerBenchmarks
{
    private const int RecordsPerInvoke = 1_000;

    private SessionCost _session = null!;
    private CostTracker _reportTracker = null!;

    [Params(1_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _session = BenchmarkSessions.NewTeamSession();
        _reportTracker = new CostTracker(new InMemoryCostSink());
        foreach (var session in BenchmarkSessions.Create(Sessions))
        {
            await _reportTracker.RecordAsync(session);
        }
    }

    /// <summary>One record (validation and append), averaged over 1 000 records into a fresh sink; independent of <see cref="Sessions"/>.</summary>
    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public async Task RecordAsync()
    {
        var tracker = new CostTracker(new InMemoryCostSink());
        for (var index = 0; index < RecordsPerInvoke; index++)
        {
            await tracker.RecordAsync(_session);
        }
    }

    /// <summary>A report by type over <see cref="Sessions"/> stored sessions.</summary>
    [Benchmark]
    public Task<CostReport> ReportAsync() => _reportTracker.ReportAsync();
}
