using System.IO.Abstractions;
using BenchmarkDotNet.Attributes;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Benchmarks;

/// <summary>
/// Rendering reports that are already built: the cost report's text form (by type: 4 lines; by day: about 365;
/// by name: thousands) over 10 000 sessions, and the JSON document of a Kimi usage report. The JSON form of the
/// cost report belongs to the command line and is measured as a whole process by <c>bench/cli.sh</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ReportRenderingBenchmarks
{
    private TempFolder _folder = null!;
    private CostReport _byType = null!;
    private CostReport _byDay = null!;
    private CostReport _byName = null!;
    private UsageReport _usage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sessions = BenchmarkSessions.Create(10_000);
        _byType = CostReport.Create(sessions);
        _byDay = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Day });
        _byName = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Name });

        _folder = new TempFolder("omk-bench-render-");
        KimiLogTree.Generate(_folder.Path, sessions: 100, calls: 10_000);
        _usage = new KimiUsageReader(new FileSystem(), new KimiUsageOptions { KimiCliRoot = _folder.Path }).Read().Report();
    }

    [GlobalCleanup]
    public void Cleanup() => _folder.Dispose();

    [Benchmark(Baseline = true)]
    public string TextByType() => _byType.ToString();

    [Benchmark]
    public string TextByDay() => _byDay.ToString();

    [Benchmark]
    public string TextByName() => _byName.ToString();

    [Benchmark]
    public string KimiUsageJsonByDay() => KimiUsageJson.Serialize(_usage);
}
