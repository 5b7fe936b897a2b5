using BenchmarkDotNet.Configs;

namespace Omk.Benchmarks;

/// <summary>Adds the <c>File MB</c> and <c>MB/s</c> columns to benchmarks parameterised by a number of stored sessions.</summary>
internal sealed class CostsFileThroughputConfig : ManualConfig
{
    public CostsFileThroughputConfig()
    {
        AddColumn(new CostsFileColumn(throughput: false), new CostsFileColumn(throughput: true));
    }
}
