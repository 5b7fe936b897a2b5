using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests;

public sealed class KimiUsageTextTests
{
    [Theory]
    [InlineData(1UL, 0UL, "unknown (1 token of m1 has no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(15UL, 0UL, "unknown (15 tokens of m1 have no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(1500UL, 7UL, "unknown (1,500 tokens of m1 and 7 tokens of m2 have no price; add them to prices.json, see omk cost usage kimi --help)")]
    public void UnpricedTotalLine_UnpricedModels_NamesEachWithItsTokens(ulong first, ulong second, string expected)
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, null, 0m, [new UnpricedModel("m1", first), .. second == 0 ? Array.Empty<UnpricedModel>() : [new UnpricedModel("m2", second)]]);

        Assert.Equal(expected, KimiUsageText.UnpricedTotalLine(summary, static usd => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"${usd}")));
    }

    [Fact]
    public void UnpricedTotalLine_PricedPart_IsWrittenByTheGivenMoneyFormat()
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, null, 1.5m, [new UnpricedModel("m1", 3)]);

        Assert.StartsWith("\u2265 USD 1.5 (3 tokens", KimiUsageText.UnpricedTotalLine(summary, static usd => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"USD {usd}")), StringComparison.Ordinal);
    }
}
