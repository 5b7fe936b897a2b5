using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests;

public sealed class KimiUsageTextTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 20, 23, 30, 0, TimeSpan.Zero);

    private static readonly PriceTable Prices = new([
        new ModelPrice { Model = "cheap", CacheMissPerMillion = 1m, OutputPerMillion = 2m },
    ]);

    [Fact]
    public void Format_NoSessions_SaysNoUsage()
    {
        Assert.Equal("No Kimi usage found.\n", KimiUsageText.Format(UsageReport.Create([], Prices)));
    }

    [Fact]
    public void Format_UnpricedModel_ShowsUnknownCostAndModel()
    {
        var report = UsageReport.Create([Session("s5", new UsageCall(Day1, "mystery", new TokenUsage(1000, 0, 0, 0)))], Prices);

        var text = KimiUsageText.Format(report);

        Assert.Contains("unknown", text, StringComparison.Ordinal);
        Assert.Contains("\u2265 $0.0000 (1,000 tokens of mystery have no price; add it to prices.json, see omk cost usage kimi --help)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UsageGrouping.Day, "day")]
    [InlineData(UsageGrouping.Month, "month")]
    [InlineData(UsageGrouping.Session, "session")]
    [InlineData(UsageGrouping.Project, "project")]
    [InlineData(UsageGrouping.Model, "model")]
    public void Format_Grouping_NamesItInTheTitleAndTheFirstColumn(UsageGrouping groupBy, string name)
    {
        var report = UsageReport.Create([Session("s1", new UsageCall(Day1, "cheap", new TokenUsage(1, 0, 0, 1)))], Prices, new UsageQuery { GroupBy = groupBy });

        var lines = KimiUsageText.Format(report).Split('\n');

        Assert.Equal(($"Kimi usage by {name}", name), (lines[0], lines[2].Split(' ')[0]));
    }

    [Theory]
    [InlineData(1UL, 0UL, "\u2265 $0.0000 (1 token of m1 has no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(15UL, 0UL, "\u2265 $0.0000 (15 tokens of m1 have no price; add it to prices.json, see omk cost usage kimi --help)")]
    [InlineData(1500UL, 7UL, "\u2265 $0.0000 (1,500 tokens of m1 and 7 tokens of m2 have no price; add them to prices.json, see omk cost usage kimi --help)")]
    public void UnpricedTotalLine_UnpricedModels_NamesEachWithItsTokens(ulong first, ulong second, string expected)
    {
        var summary = new UsageSummary(1, TokenUsage.Zero, null, 0m, [new UnpricedModel("m1", first), .. second == 0 ? Array.Empty<UnpricedModel>() : [new UnpricedModel("m2", second)]]);

        Assert.Equal(expected, KimiUsageText.UnpricedTotalLine(summary));
    }

    [Fact]
    public void Format_PartlyPricedGroup_ShowsThePricedLowerBound()
    {
        var report = UsageReport.Create(
            [Session("s6", new UsageCall(Day1, "mystery", new TokenUsage(1000, 0, 0, 0)), new UsageCall(Day1, "cheap", new TokenUsage(1_000_000, 0, 0, 0)))],
            Prices);

        Assert.Contains("\u2265 1.0000", KimiUsageText.Format(report), StringComparison.Ordinal);
    }

    private static SessionUsage Session(string id, params UsageCall[] calls) => new()
    {
        SessionId = id,
        StartedAt = calls.Min(c => c.Timestamp),
        EndedAt = calls.Max(c => c.Timestamp),
        Calls = calls,
    };
}
