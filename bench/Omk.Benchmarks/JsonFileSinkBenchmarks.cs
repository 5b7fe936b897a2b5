using BenchmarkDotNet.Attributes;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// <see cref="JsonFileCostSink"/> on the real disk, in a fresh temp folder, over a <c>costs.json</c> of
/// <see cref="Sessions"/> sessions. The columns <c>File MB</c> and <c>MB/s</c> give the file's size and the size
/// divided by the mean time. Records are in <see cref="JsonFileSinkRecordBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostsFileThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class JsonFileSinkBenchmarks
{
    private DiskStore _store = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new DiskStore("omk-bench-sink-");
        CostsFile.Write(_store.Sink.FilePath, Sessions);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>Streams every session (parsed and materialised one at a time) and counts them.</summary>
    [Benchmark]
    public async Task<int> ReadAll()
    {
        var count = 0;
        await foreach (var session in _store.Sink.ReadAllAsync(CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>Loads every session into a list (<see cref="CostTracker.LoadAsync"/>): the memory a full load retains.</summary>
    [Benchmark]
    public Task<IReadOnlyList<SessionCost>> Load() => _store.Tracker.LoadAsync();

    /// <summary>A report by type (<see cref="CostTracker.ReportAsync"/>), streaming the file.</summary>
    [Benchmark]
    public Task<CostReport> Report() => _store.Tracker.ReportAsync();
}
