using System.IO.Abstractions;
using BenchmarkDotNet.Attributes;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Benchmarks;

/// <summary>
/// <see cref="KimiUsageReader.Read"/> over a Kimi CLI folder of 100 sessions and 10 000 model calls
/// (about 60 lines of log a call), generated once by <c>bench/kimi/generate_kimi_logs.py</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class KimiUsageBenchmarks
{
    private TempFolder _folder = null!;
    private KimiUsageReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder("omk-bench-kimi-");
        KimiLogTree.Generate(_folder.Path, sessions: 100, calls: 10_000);
        _reader = new KimiUsageReader(new FileSystem(), new KimiUsageOptions { KimiCliRoot = _folder.Path });
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    [Benchmark]
    public object Read() => _reader.Read();
}
