using System.Globalization;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// The dollars of an estimate carry the scale of the exact division, which is what <c>--json</c> and costs.json print:
/// <c>0.0091</c>, never <c>0.00910000</c>.
/// </summary>
public sealed class CostEstimatorTextTests
{
    [Theory]
    [InlineData(60L, 2L, 1L, PricingTier.Standard, "0.0091")]
    [InlineData(0L, 1L, 0L, PricingTier.Standard, "0.00175")]
    [InlineData(60L, 1L, 0L, PricingTier.Premium, "0.0105")]
    [InlineData(0L, 1L, 0L, PricingTier.Budget, "0.0004375")]
    public void Estimate_Dollars_PrintWithoutTrailingZeros(long seconds, long workers, long iterations, PricingTier tier, string text)
    {
        var estimate = CostEstimator.Estimate(seconds, workers, iterations, tier);

        Assert.Equal(text, estimate.EstimatedUsd.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1_000_000UL, 0UL, PricingTier.Standard, "2")]
    [InlineData(0UL, 1_000_000UL, PricingTier.Premium, "24")]
    [InlineData(1UL, 0UL, PricingTier.Budget, "0.0000005")]
    [InlineData(0UL, 0UL, PricingTier.Standard, "0")]
    [InlineData(18446744073709551615UL, 18446744073709551615UL, PricingTier.Premium, "553402322211286.54845")]
    [InlineData(18446744073709551615UL, 0UL, PricingTier.Standard, "36893488147419.10323")]
    [InlineData(4_000_000UL, 4_000_000UL, PricingTier.Premium, "120")]
    public void FromExactTokens_Dollars_AreExactAndPrintWithTheirOwnScale(ulong input, ulong output, PricingTier tier, string text)
    {
        var estimate = CostEstimator.FromExactTokens(input, output, tier);

        Assert.Equal(text, estimate.EstimatedUsd.ToString(CultureInfo.InvariantCulture));
    }
}
