using BenchmarkDotNet.Attributes;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>
/// Rendering reports that are already built: the cost report's text form (by type: 4 lines; by day: about 365;
/// by name: thousands) over 10 000 sessions. The JSON forms of the cost report and of the Kimi usage report belong to
/// the command line and are measured as whole processes by <c>bench/cli.sh</c> and <c>bench/kimi/live-bench.sh</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ReportRenderingBenchmarks
{
    private CostReport _byType = null!;
    private CostReport _byDay = null!;
    private CostReport _byName = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sessions = BenchmarkSessions.Create(10_000);
        _byType = CostReport.Create(sessions);
        _byDay = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Day });
        _byName = CostReport.Create(sessions, new CostReportQuery { GroupBy = CostGrouping.Name });
    }

    [Benchmark(Baseline = true)]
    public string TextByType() => _byType.ToString();

    [Benchmark]
    public string TextByDay() => _byDay.ToString();

    [Benchmark]
    public string TextByName() => _byName.ToString();
}
