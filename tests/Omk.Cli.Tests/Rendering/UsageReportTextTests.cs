using Omk.Cost.Domain.Usage;

using Omk.Cli.Rendering;

namespace Omk.Cli.Tests.Rendering;

public sealed class UsageReportTextTests
{
    [Theory]
    [InlineData(1UL, 0UL, "unknown (1 token of m1 has no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(15UL, 0UL, "unknown (15 tokens of m1 have no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(1500UL, 7UL, "unknown (1,500 tokens of m1 and 7 tokens of m2 have no price; add them to prices.json, see omk cost usage kimi --help)")]
    public void UnpricedTotalLine_UnpricedModels_NamesEachWithItsTokens(ulong first, ulong second, string expected)
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, null, 0m, [new UnpricedModel("m1", first), .. second == 0 ? Array.Empty<UnpricedModel>() : [new UnpricedModel("m2", second)]]);

        Assert.Equal(expected, UsageReportText.UnpricedTotalLine(summary));
    }

    [Fact]
    public void UnpricedTotalLine_PricedPart_IsWrittenAsEveryTextReportWritesMoney()
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, null, 1.5m, [new UnpricedModel("m1", 3)]);

        Assert.StartsWith("\u2265 " + Figures.Usd(1.5m) + " (3 tokens", UsageReportText.UnpricedTotalLine(summary), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(1L, "* 1 failed request was retried: Kimi logs no usage for it, and the provider may have billed it")]
    [InlineData(3L, "* 3 failed requests were retried: Kimi logs no usage for them, and the provider may have billed them")]
    public void RetriesLine_Retries_SaysHowManyOrNothing(long retries, string? expected)
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, 0m, 0m, []) { Retries = retries };

        Assert.Equal(expected, UsageReportText.RetriesLine(summary));
    }
}
