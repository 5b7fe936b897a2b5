using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Omk.Benchmarks;

/// <summary>
/// The size of the benchmark's <c>costs.json</c> (regenerated from its session count: the generator is deterministic),
/// or that size divided by the mean time, in MB/s (1 MB = 10^6 bytes).
/// </summary>
internal sealed class CostsFileColumn : IColumn
{
    private readonly bool _throughput;

    public CostsFileColumn(bool throughput)
    {
        _throughput = throughput;
    }

    public string Id => _throughput ? "CostsFileMBps" : "CostsFileMB";

    public string ColumnName => _throughput ? "MB/s" : "File MB";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _throughput ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _throughput
        ? "costs.json size divided by the mean time, in 10^6 bytes a second"
        : "Size of costs.json in 10^6 bytes";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters.Items.FirstOrDefault(parameter => parameter.Name == "Sessions")?.Value is not int sessions)
        {
            return "-";
        }

        var megabytes = CostsFile.Size(sessions) / 1e6;
        if (!_throughput)
        {
            return megabytes.ToString("F2", CultureInfo.InvariantCulture);
        }

        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0 ? (megabytes / (meanNanoseconds.Value / 1e9)).ToString("F1", CultureInfo.InvariantCulture) : "-";
    }

    public override string ToString() => ColumnName;
}
