using CsCheck;

namespace Omk.Cost.Domain.Tests;

public sealed class CostEstimateTests
{
    [Fact]
    public void ToString_ReferenceExample_MatchesOmkFormat()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard);

        var text = estimate.ToString();

        Assert.Equal("~$0.0091 (2 workers, ~60s, ~2K tokens)", text);
    }

    [Fact]
    public void ToString_CommaDecimalCulture_StillWritesADot()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard);
        string text;
        using (new CommaDecimalCulture())
        {
            text = estimate.ToString();
        }

        Assert.Equal("~$0.0091 (2 workers, ~60s, ~2K tokens)", text);
    }

    [Fact]
    public void CommaDecimalCulture_WhileActive_FormatsDecimalsWithAComma()
    {
        string text;
        using (new CommaDecimalCulture())
        {
            text = 0.0091m.ToString("F4");
        }

        Assert.Equal("0,0091", text);
    }

    [Fact]
    public void ToString_ThousandsOfTokens_AreCountedByIntegerDivision()
    {
        var estimate = new CostEstimate(1499, 500, 0, 1, 0m, PricingTier.Standard);

        var text = estimate.ToString();

        Assert.EndsWith("~1K tokens)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Dollars_AreRoundedToFourDecimals()
    {
        var estimate = new CostEstimate(0, 0, 0, 1, 1.23456m, PricingTier.Standard);

        var text = estimate.ToString();

        Assert.StartsWith("~$1.2346 (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalTokens_Always_IsInputPlusOutput()
    {
        var estimate = new CostEstimate(1950, 650, 60, 2, 0.0091m, PricingTier.Standard);

        Assert.Equal(2600UL, estimate.TotalTokens);
    }

    [Fact]
    public void TotalTokens_SumOverflows_Saturates()
    {
        var estimate = new CostEstimate(ulong.MaxValue, 1, 0, 1, 0m, PricingTier.Standard);

        Assert.Equal(ulong.MaxValue, estimate.TotalTokens);
    }

    [Fact]
    public void ToString_AnyEstimate_NeverThrows() =>
        AnyValue.Estimate.Sample(
            static estimate => estimate.ToString().StartsWith("~$", StringComparison.Ordinal),
            iter: AnyValue.Iterations);

    [Fact]
    public void ToString_OneWorker_SaysWorkerInTheSingular()
    {
        Assert.Equal("~$0.0046 (1 worker, ~60s, ~1K tokens)", CostEstimator.Estimate(60, 1, 1, PricingTier.Standard).ToString());
    }
}
