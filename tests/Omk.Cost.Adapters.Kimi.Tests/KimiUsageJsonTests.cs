using System.Text.Json;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests;

public sealed class KimiUsageJsonTests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly PriceTable Prices = new([new ModelPrice { Model = "priced", CacheMissPerMillion = 1.20m, OutputPerMillion = 2m }]);

    [Fact]
    public void Serialize_Report_UsesTheDocumentedNamesInOrder()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(1, 2, 3, 4)));

        Assert.Equal(
            ["sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced", "groups"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["key", "sessions", "input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced"],
            document.RootElement.GetProperty("groups")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Serialize_PricedCost_WritesItWithoutTrailingZeros()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(1_000_000, 0, 0, 0)));

        Assert.Equal("1.2", document.RootElement.GetProperty("cost_usd").GetRawText());
    }

    [Fact]
    public void Serialize_UnpricedModel_WritesNullCostAndUnpricedEntry()
    {
        using var document = Serialize(new UsageCall(Moment, "mystery", new TokenUsage(1, 2, 3, 4)));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("cost_usd").ValueKind);
        Assert.Equal("""[{"model":"mystery","tokens":10}]""", JsonSerializer.Serialize(document.RootElement.GetProperty("unpriced")));
    }

    [Fact]
    public void Serialize_TokenCounts_AreExact()
    {
        using var document = Serialize(new UsageCall(Moment, "priced", new TokenUsage(ulong.MaxValue, 2, 3, 4)));

        Assert.Equal(ulong.MaxValue, document.RootElement.GetProperty("input_other_tokens").GetUInt64());
    }

    private static JsonDocument Serialize(UsageCall call)
    {
        var session = new SessionUsage { SessionId = "s", StartedAt = Moment, EndedAt = Moment, Calls = [call] };
        return JsonDocument.Parse(KimiUsageJson.Serialize(UsageReport.Create([session], Prices)));
    }
}
