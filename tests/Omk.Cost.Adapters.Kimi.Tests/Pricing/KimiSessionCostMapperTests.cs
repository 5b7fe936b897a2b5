using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Pricing;

public sealed class KimiSessionCostMapperTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(30);

    private static readonly SessionUsage Priced = new()
    {
        SessionId = "abc",
        Title = "Fix login",
        Project = "/work/alpha",
        StartedAt = Start,
        EndedAt = End,
        Calls = [new UsageCall(Start.AddMinutes(1), "kimi-k2.6", new TokenUsage(1_000_000, 2_000_000, 500_000, 250_000))],
    };

    [Fact]
    public void ToSessionCost_PricedSession_RecordsPricedCostAsEstimateAndActual()
    {
        var cost = KimiSessionCostMapper.ToSessionCost(Priced, KimiPrices.BuiltIn);

        const decimal Expected = 0.95m + (2 * 0.16m) + (0.5m * 0.95m) + (0.25m * 4.00m);
        Assert.Equal((Expected, Expected), (cost.Estimate.EstimatedUsd, cost.ActualUsd));
    }

    [Fact]
    public void ToSessionCost_PricedSession_CountsAllInputClassesAsInput()
    {
        var cost = KimiSessionCostMapper.ToSessionCost(Priced, KimiPrices.BuiltIn);

        Assert.Equal((3_500_000ul, 250_000ul), (cost.Estimate.InputTokens, cost.Estimate.OutputTokens));
    }

    [Fact]
    public void ToSessionCost_Session_HasKimiTypeTitleTimesAndId()
    {
        var cost = KimiSessionCostMapper.ToSessionCost(Priced, KimiPrices.BuiltIn);

        Assert.Equal(("kimi", "Fix login", Start, (DateTimeOffset?)End, "kimi:abc"), (cost.SessionType, cost.Name, cost.StartedAt, cost.EndedAt, cost.Id));
    }

    [Fact]
    public void ToSessionCost_Session_AddsModelProjectAndCacheFields()
    {
        var details = KimiSessionCostMapper.ToSessionCost(Priced, KimiPrices.BuiltIn).Details!;

        Assert.Equal(
            ("kimi-k2.6", "/work/alpha", 2_000_000ul, 500_000ul),
            (details.Model, details.Project, details.CacheReadTokens, details.CacheCreationTokens));
    }

    [Fact]
    public void ToSessionCost_NoTitle_NamesSessionById()
    {
        Assert.Equal("abc", KimiSessionCostMapper.ToSessionCost(Priced with { Title = null }, KimiPrices.BuiltIn).Name);
    }

    [Fact]
    public void ToSessionCost_UnpricedModel_KeepsHeuristicEstimateAndUnknownActual()
    {
        var unpriced = Priced with { Calls = [new UsageCall(Start, "mystery", new TokenUsage(1_000_000, 0, 0, 1_000_000))] };

        var cost = KimiSessionCostMapper.ToSessionCost(unpriced, KimiPrices.BuiltIn);

        Assert.Null(cost.ActualUsd);
        Assert.Equal(CostEstimator.FromExactTokens(1_000_000, 1_000_000, PricingTier.Standard), cost.Estimate);
    }

    [Fact]
    public void ToSessionCost_SeveralCalls_DurationRunsFromFirstToLastCall()
    {
        var session = Priced with
        {
            Calls =
            [
                new UsageCall(Start.AddSeconds(10), "kimi-k2.6", new TokenUsage(1, 0, 0, 1)),
                new UsageCall(Start.AddSeconds(70.4), "kimi-k2.6", new TokenUsage(1, 0, 0, 1)),
                new UsageCall(Start.AddSeconds(135.6), "kimi-k2.6", new TokenUsage(1, 0, 0, 1)),
            ],
        };

        // 135.6 s - 10 s = 125.6 s, to the nearest second; the session's own start and end do not count.
        Assert.Equal(126ul, KimiSessionCostMapper.ToSessionCost(session, KimiPrices.BuiltIn).Estimate.DurationSecs);
    }

    [Fact]
    public void ToSessionCost_OneCall_DurationIsZero()
    {
        Assert.Equal(0ul, KimiSessionCostMapper.ToSessionCost(Priced, KimiPrices.BuiltIn).Estimate.DurationSecs);
    }
}
