using BenchmarkDotNet.Running;

namespace Omk.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*Estimator*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmark switcher.</summary>
    /// <param name="args">BenchmarkDotNet's arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
