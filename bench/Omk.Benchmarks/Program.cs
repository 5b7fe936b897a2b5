using System.Globalization;
using System.IO.Abstractions;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*Estimator*'</c>.</summary>
public static class Program
{
    /// <summary>
    /// Runs the benchmark switcher; or, with <c>check-costs DIR</c>, reads <c>DIR/costs.json</c> with the store's own
    /// reader and prints its session count and report (to check a generated file before timing it).
    /// </summary>
    /// <param name="args">BenchmarkDotNet's arguments, or <c>check-costs DIR</c>.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["check-costs", var directory])
        {
            var sink = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = directory }), TimeProvider.System);
            var report = await new CostTracker(sink).ReportAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sink.FilePath}: {report.Sessions} sessions"));
            Console.Write(report);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
