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
    /// Runs the benchmark switcher; or, with <c>check-costs DIR [report|load|record]</c>, works on <c>DIR/costs.json</c> once
    /// with the store itself and prints the session count: to check a generated file, and to measure a whole
    /// process's peak memory with <c>/usr/bin/time -f %M</c>.
    /// </summary>
    /// <param name="args">BenchmarkDotNet's arguments, or <c>check-costs DIR [report|load|record]</c>.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args is ["check-costs", var directory, .. var rest])
        {
            var sink = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = directory }), TimeProvider.System);
            var tracker = new CostTracker(sink);
            switch (rest is [var mode] ? mode : "report")
            {
                case "load":
                    var sessions = await tracker.LoadAsync();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sink.FilePath}: {sessions.Count} sessions loaded"));
                    break;
                case "record":
                    await tracker.RecordAsync(BenchmarkSessions.NewTeamSession());
                    Console.WriteLine($"{sink.FilePath}: one session recorded");
                    break;
                default:
                    var report = await tracker.ReportAsync();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sink.FilePath}: {report.Sessions} sessions"));
                    Console.Write(report);
                    break;
            }

            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
