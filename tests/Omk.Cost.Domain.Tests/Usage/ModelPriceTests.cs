using CsCheck;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests.Usage;

public sealed class ModelPriceTests
{
    private static readonly ModelPrice K26 = new()
    {
        Model = "kimi-k2.6",
        CacheHitPerMillion = 0.16m,
        CacheMissPerMillion = 0.95m,
        OutputPerMillion = 4.00m,
    };

    [Fact]
    public void CostOf_EveryClass_PricesEachAtItsRate()
    {
        var cost = K26.CostOf(new TokenUsage(InputOther: 1_000_000, CacheRead: 2_000_000, CacheCreation: 500_000, Output: 250_000));

        // 1M × 0.95 + 2M × 0.16 + 0.5M × 0.95 (cache creation as a miss) + 0.25M × 4.00
        Assert.Equal(0.95m + 0.32m + 0.475m + 1.00m, cost);
    }

    [Fact]
    public void CostOf_NoCacheHitRate_PricesCacheReadsAsMisses()
    {
        var price = new ModelPrice { Model = "moonshot-v1-8k", CacheMissPerMillion = 0.20m, OutputPerMillion = 2.00m };

        Assert.Equal(0.20m, price.CostOf(new TokenUsage(0, 1_000_000, 0, 0)));
    }

    [Fact]
    public void CostOf_OwnCacheCreationRate_UsesIt()
    {
        var price = K26 with { CacheCreationPerMillion = 1.25m };

        Assert.Equal(1.25m, price.CostOf(new TokenUsage(0, 0, 1_000_000, 0)));
    }

    [Fact]
    public void CostOf_OneToken_IsExact()
    {
        Assert.Equal(0.000004m, K26.CostOf(new TokenUsage(0, 0, 0, 1)));
    }

    [Fact]
    public void CostOf_AnyCountsAndRates_NeverThrowsAndIsNonNegative()
    {
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, Gen.ULong, Gen.Int[0, 100_000_000].Select(static cents => cents / 100m)).Sample((a, b, c, d, rate) =>
        {
            var price = new ModelPrice { Model = "m", CacheMissPerMillion = rate, CacheHitPerMillion = rate, OutputPerMillion = rate };
            return price.CostOf(new TokenUsage(a, b, c, d)) >= 0m;
        });
    }

    [Fact]
    public void CostOf_NegativeRate_CountsNothingRatherThanANegativeCost()
    {
        var price = new ModelPrice { Model = "broken", CacheMissPerMillion = -1m, OutputPerMillion = -2m };

        Assert.Equal(0m, price.CostOf(new TokenUsage(1_000_000, 0, 0, 1_000_000)));
    }

    [Fact]
    public void CostOf_MoreThanDecimalCanHold_SaturatesInsteadOfOverflowing()
    {
        var price = new ModelPrice { Model = "huge", CacheMissPerMillion = 1m, OutputPerMillion = decimal.MaxValue / 1_000m };

        Assert.Equal(decimal.MaxValue, price.CostOf(new TokenUsage(0, 0, 0, ulong.MaxValue)));
    }
}
