using BenchmarkDotNet.Attributes;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// One record through <see cref="JsonFileCostSink"/> on the real disk, over a <c>costs.json</c> of <see cref="Sessions"/>
/// sessions put back before every record. A record is one call per iteration, so the many warm-up iterations are
/// what lets the JIT promote the code to its optimised tier (a Native AOT omk runs optimised code from the start).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostsFileThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 40, iterationCount: 20)]
public class JsonFileSinkRecordBenchmarks
{
    private DiskStore _store = null!;
    private byte[] _pristine = null!;
    private SessionCost _session = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new DiskStore("omk-bench-record-");
        _pristine = CostsFile.Bytes(Sessions);
        _session = BenchmarkSessions.NewTeamSession();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>Puts the original file back before each record, flushed to disk, so that every record sees the same history.</summary>
    [IterationSetup]
    public void RestoreFile() => CostsFile.WriteDurably(_store.Sink.FilePath, _pristine);

    /// <summary>One record: lock, read and check the whole file, rewrite it atomically (flush to disk, rename, folder flush).</summary>
    [Benchmark]
    public Task Record() => _store.Tracker.RecordAsync(_session);
}
