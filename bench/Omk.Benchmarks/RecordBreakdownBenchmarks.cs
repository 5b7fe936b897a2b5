using System.IO.Abstractions;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.FileSystem.Serialization;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Benchmarks;

/// <summary>
/// The steps of a record and a report, one at a time, on the same <c>costs.json</c> as <see cref="JsonFileSinkBenchmarks"/>,
/// so that the total can be split into read, parse, serialise, write and flush to disk.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CostsFileThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class RecordBreakdownBenchmarks
{
    private static readonly IFileSystem Disk = new FileSystem();

    private TempFolder _folder = null!;
    private string _file = null!;
    private string _scratch = null!;
    private byte[] _bytes = null!;
    private StoredHistory _history = null!;
    private List<HistoryItem> _items = null!;
    private List<SessionCost> _sessions = null!;
    private AtomicFileWriter _writer = null!;
    private Func<Stream, StoredHistory, List<HistoryItem>, CancellationToken, Task> _writeHistory = null!;

    [Params(1_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder("omk-bench-steps-");
        _file = _folder.Combine("costs.json");
        _scratch = _folder.Combine("scratch.json");
        CostsFile.Write(_file, Sessions);
        CostsFile.Write(_scratch, Sessions);
        _bytes = File.ReadAllBytes(_file);
        _history = StoredHistory.Parse(_file, _bytes);
        _items = [.. _history.Sessions.Select(HistoryItem.Keep)];
        _items.Add(HistoryItem.Write(SessionCostDocument.From(BenchmarkSessions.NewTeamSession())));
        _sessions = CostsFile.Sessions(Sessions);
        _writer = new AtomicFileWriter(Disk);

        // The sink's own rewrite, so that its serialisation is measured as it is, without a file under it.
        var method = typeof(JsonFileCostSink).GetMethod("WriteHistoryAsync", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("JsonFileCostSink.WriteHistoryAsync(Stream, StoredHistory, List<HistoryItem>, CancellationToken) is gone: update this benchmark.");
        _writeHistory = method.CreateDelegate<Func<Stream, StoredHistory, List<HistoryItem>, CancellationToken, Task>>();
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    /// <summary>Record, step 1: take and release the cross-process lock, and look for orphaned temp files.</summary>
    [Benchmark]
    public async Task<int> LockAndHousekeeping()
    {
        var held = await FileLock.AcquireAsync(Disk, _file + ".lock", TimeSpan.FromSeconds(10), TimeProvider.System);
        await using (held)
        {
            return _writer.RemoveOrphanedTempFiles(_file);
        }
    }

    /// <summary>Record, step 2: read the whole file into memory (from the page cache).</summary>
    [Benchmark]
    public Task<byte[]> ReadBytes() => File.ReadAllBytesAsync(_file);

    /// <summary>Record, step 3: check the whole file and find each session's bytes, without materialising them.</summary>
    [Benchmark]
    public int ParseStoredHistory() => StoredHistory.Parse(_file, _bytes).Sessions.Count;

    /// <summary>Record, step 4: serialise the new file (kept sessions as one slice of the old bytes, plus the new one), to nowhere.</summary>
    [Benchmark]
    public Task SerialiseRewrite() => _writeHistory(Stream.Null, _history, _items, CancellationToken.None);

    /// <summary>Record, step 5 without the flush: a same-size buffer written to a new file, renamed over a scratch file.</summary>
    [Benchmark]
    public void WriteAndRenameNoFlush()
    {
        var temp = _scratch + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            stream.Write(_bytes);
        }

        File.Move(temp, _scratch, overwrite: true);
    }

    /// <summary>Record, step 5: <see cref="AtomicFileWriter.WriteAsync(string, ReadOnlyMemory{byte}, CancellationToken)"/> of a same-size buffer: write, flush to disk, rename, folder flush.</summary>
    [Benchmark]
    public Task AtomicWrite() => _writer.WriteAsync(_scratch, _bytes);

    /// <summary>Report, parse part: scan the whole file in memory and materialise every session.</summary>
    [Benchmark]
    public int ScanMaterialised()
    {
        var found = new List<ScannedSession>(Sessions);
        new HistoryScanner(_file, materialize: true).Scan(_bytes, isFinalBlock: true, found);
        return found.Count;
    }

    /// <summary>Report, aggregation part: group sessions already in memory.</summary>
    [Benchmark]
    public CostReport AggregateInMemory() => CostReport.Create(_sessions);
}
