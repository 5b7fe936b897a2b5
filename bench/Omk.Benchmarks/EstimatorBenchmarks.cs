using BenchmarkDotNet.Attributes;
using Omk.Cost.Domain;

namespace Omk.Benchmarks;

/// <summary>The heuristic estimator: target under 50 ns and 0 bytes a call.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EstimatorBenchmarks
{
    // Fields, not constants, so that the JIT cannot fold the calls away.
    private long _durationSecs;
    private long _workers;
    private long _iterations;
    private string _role = null!;
    private ulong _inputTokens;
    private ulong _outputTokens;
    private CostEstimate _estimate;

    [GlobalSetup]
    public void Setup()
    {
        _durationSecs = 1800;
        _workers = 3;
        _iterations = 2;
        _role = "security-reviewer";
        _inputTokens = 1_234_567;
        _outputTokens = 345_678;
        _estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard);
    }

    [Benchmark(Baseline = true)]
    public CostEstimate Estimate() => CostEstimator.Estimate(_durationSecs, _workers, _iterations, PricingTier.Standard);

    [Benchmark]
    public CostEstimate EstimateTeam() => CostEstimator.EstimateTeam(_durationSecs, _workers, _role);

    [Benchmark]
    public CostEstimate FromExactTokens() => CostEstimator.FromExactTokens(_inputTokens, _outputTokens, PricingTier.Premium);

    [Benchmark]
    public string EstimateToString() => _estimate.ToString();
}
