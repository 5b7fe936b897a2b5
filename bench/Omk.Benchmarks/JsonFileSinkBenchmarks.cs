using System.IO.Abstractions;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// <see cref="JsonFileCostSink"/> on the real disk, in a fresh temp folder, over a <c>costs.json</c> of
/// <see cref="Sessions"/> sessions. The columns <c>File MB</c> and <c>MB/s</c> give the file's size and the size
/// divided by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostsFileThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class JsonFileSinkBenchmarks
{
    private TempFolder _folder = null!;
    private string _pristine = null!;
    private JsonFileCostSink _sink = null!;
    private CostTracker _tracker = null!;
    private SessionCost _session = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder("omk-bench-sink-");
        _pristine = _folder.Combine("pristine.json");
        CostsFile.Write(_pristine, Sessions);
        File.Copy(_pristine, _folder.Combine("costs.json"));
        _sink = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System);
        _tracker = new CostTracker(_sink);
        _session = BenchmarkSessions.NewTeamSession();
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    /// <summary>Puts the original file back before each record, flushed to disk, so that every record sees the same history.</summary>
    [IterationSetup(Target = nameof(Record))]
    public void RestoreFile() => CostsFile.WriteDurably(_sink.FilePath, File.ReadAllBytes(_pristine));

    /// <summary>Streams every session (parsed and materialised one at a time) and counts them.</summary>
    [Benchmark]
    public async Task<int> ReadAll()
    {
        var count = 0;
        await foreach (var session in _sink.ReadAllAsync(CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>Loads every session into a list (<see cref="CostTracker.LoadAsync"/>): the memory a full load retains.</summary>
    [Benchmark]
    public Task<IReadOnlyList<SessionCost>> Load() => _tracker.LoadAsync();

    /// <summary>A report by type (<see cref="CostTracker.ReportAsync"/>), streaming the file.</summary>
    [Benchmark]
    public Task<CostReport> Report() => _tracker.ReportAsync();

    /// <summary>One record: lock, read and check the whole file, rewrite it atomically (flush to disk, rename, folder flush).</summary>
    [Benchmark]
    public Task Record() => _tracker.RecordAsync(_session);
}
