using System.IO.Abstractions.TestingHelpers;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Pricing;

public sealed class KimiPricesTests
{
    private static readonly DateTimeOffset Switch = new(2026, 4, 20, 15, 28, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset K27Launch = new(2026, 6, 12, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset K3Launch = new(2026, 7, 16, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly TokenUsage OneMillionEach = new(1_000_000, 1_000_000, 1_000_000, 1_000_000);

    [Theory]
    [InlineData("kimi-k2.6", 0.16, 0.95, 4.00)]
    [InlineData("kimi-k2.5", 0.10, 0.60, 3.00)]
    [InlineData("kimi-k2-0905-preview", 0.15, 0.60, 2.50)]
    [InlineData("kimi-k2-0711-preview", 0.15, 0.60, 2.50)]
    [InlineData("kimi-k2-thinking", 0.15, 0.60, 2.50)]
    [InlineData("kimi-k2-turbo-preview", 0.15, 1.15, 8.00)]
    [InlineData("kimi-k2-thinking-turbo", 0.15, 1.15, 8.00)]
    [InlineData("kimi-latest", 0.15, 2.00, 5.00)]
    [InlineData("kimi-latest-128k", 0.15, 2.00, 5.00)]
    [InlineData("kimi-latest-32k", 0.15, 1.00, 3.00)]
    [InlineData("kimi-latest-8k", 0.15, 0.20, 2.00)]
    [InlineData("moonshot-v1-8k", 0.20, 0.20, 2.00)]
    [InlineData("moonshot-v1-32k", 1.00, 1.00, 3.00)]
    [InlineData("moonshot-v1-128k", 2.00, 2.00, 5.00)]
    [InlineData("moonshot-v1-auto", 2.00, 2.00, 5.00)]
    public void BuiltIn_TableModel_PricesEachClassAsTheTableSays(string model, double hit, double miss, double output)
    {
        // One million tokens of each class: miss (other input) + hit (cache read) + miss (cache creation) + output.
        var expected = (decimal)miss + (decimal)hit + (decimal)miss + (decimal)output;

        Assert.Equal(expected, KimiPrices.BuiltIn.Price(model, Switch, OneMillionEach));
    }

    [Fact]
    public void BuiltIn_KimiForCodingBeforeSwitch_PricedAsK25()
    {
        Assert.Equal(0.60m + 0.10m + 0.60m + 3.00m, KimiPrices.BuiltIn.Price("kimi-for-coding", Switch.AddSeconds(-1), OneMillionEach));
    }

    [Fact]
    public void BuiltIn_KimiForCodingFromSwitch_PricedAsK26()
    {
        Assert.Equal(0.95m + 0.16m + 0.95m + 4.00m, KimiPrices.BuiltIn.Price("kimi-code/kimi-for-coding", Switch, OneMillionEach));
    }

    [Theory]
    [InlineData("kimi-k2.7-code", 0.19, 0.95, 4.00)]
    [InlineData("kimi-k2.7-code-highspeed", 0.38, 1.90, 8.00)]
    public void BuiltIn_K27CodeModels_UnpricedBeforeTheirLaunchAndAtTheirRatesFromIt(string model, double hit, double miss, double output)
    {
        Assert.Equal(
            ((decimal?)null, (decimal)miss + (decimal)hit + (decimal)miss + (decimal)output),
            (KimiPrices.BuiltIn.Price(model, K27Launch.AddSeconds(-1), OneMillionEach), KimiPrices.BuiltIn.Price(model, K27Launch, OneMillionEach)));
    }

    [Theory]
    [InlineData("kimi-k3")]
    [InlineData("kimi-code/k3")]
    [InlineData("k3[1m]")]
    [InlineData("k3-agent")]
    [InlineData("k3-agent-swarm")]
    public void BuiltIn_K3AndItsAliases_UnpricedBeforeK3sLaunchAndAtK3RatesFromIt(string model)
    {
        Assert.Equal(
            ((decimal?)null, 3.00m + 0.30m + 3.00m + 15.00m),
            (KimiPrices.BuiltIn.Price(model, K3Launch.AddSeconds(-1), OneMillionEach), KimiPrices.BuiltIn.Price(model, K3Launch, OneMillionEach)));
    }

    [Fact]
    public void BuiltIn_KimiForCodingBeforeK27Switch_KeepsK26Rates()
    {
        Assert.Equal(0.95m + 0.16m + 0.95m + 4.00m, KimiPrices.BuiltIn.Price("kimi-for-coding", K27Launch.AddSeconds(-1), OneMillionEach));
    }

    [Fact]
    public void BuiltIn_KimiForCodingFromK27Switch_PricedAsK27Code()
    {
        Assert.Equal(0.95m + 0.19m + 0.95m + 4.00m, KimiPrices.BuiltIn.Price("kimi-code/kimi-for-coding", K27Launch, OneMillionEach));
    }

    [Theory]
    [InlineData("moonshot-v1-8k-vision-preview", 0.20, 2.00)]
    [InlineData("moonshot-v1-32k-vision-preview", 1.00, 3.00)]
    [InlineData("moonshot-v1-128k-vision-preview", 2.00, 5.00)]
    [InlineData("moonshot-v1-8k-0430", 0.20, 2.00)]
    [InlineData("moonshot-v1-32k-0430", 1.00, 3.00)]
    [InlineData("moonshot-v1-128k-0430", 2.00, 5.00)]
    [InlineData("kimi-thinking-preview", 30.00, 30.00)]
    public void BuiltIn_ModelWithoutCacheRate_PricesEveryInputAtItsRate(string model, double input, double output)
    {
        Assert.Equal((3 * (decimal)input) + (decimal)output, KimiPrices.BuiltIn.Price(model, Switch, OneMillionEach));
    }

    [Fact]
    public void BuiltIn_KimiWorksK26Agent_PricedAsK26()
    {
        Assert.Equal(0.95m + 0.16m + 0.95m + 4.00m, KimiPrices.BuiltIn.Price("k2d6-agent", Switch, OneMillionEach));
    }

    [Fact]
    public void BuiltIn_KimiForCodingHighspeed_HasNoPriceForNoServedModelIsPublished()
    {
        Assert.Null(KimiPrices.BuiltIn.Price("kimi-code/kimi-for-coding-highspeed", K3Launch, OneMillionEach));
    }

    [Fact]
    public void BuiltIn_EveryPrice_HasDateAndSource()
    {
        Assert.All(KimiPrices.BuiltIn.Prices, price => Assert.True(price.Date is not null && !string.IsNullOrWhiteSpace(price.Source), price.Model));
    }

    [Fact]
    public void WithOverrides_UserPrice_TakesPrecedenceForItsModel()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/state/prices.json", new MockFileData("""{"prices": [{"model": "kimi-k2.6", "rates": {"cache_miss": 1, "output": 10}}]}"""));

        var table = KimiPrices.WithOverrides(fileSystem, "/state/prices.json", mustExist: false);

        Assert.Equal(10m, table.Price("kimi-k2.6", Switch, new TokenUsage(0, 0, 0, 1_000_000)));
    }

    [Fact]
    public void WithOverrides_UserPriceForNewModel_KeepsBuiltInModels()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/state/prices.json", new MockFileData("""{"prices": [{"model": "new-model", "rates": {"cache_miss": 1, "output": 10}, "effective_from": "2026-01-01T00:00:00Z"}]}"""));

        var table = KimiPrices.WithOverrides(fileSystem, "/state/prices.json", mustExist: false);

        Assert.Equal(4.00m, table.Price("kimi-k2.6", Switch, new TokenUsage(0, 0, 0, 1_000_000)));
    }

    [Fact]
    public void WithOverrides_OptionalFileMissing_ReturnsBuiltIn()
    {
        Assert.Same(KimiPrices.BuiltIn, KimiPrices.WithOverrides(new MockFileSystem(), "/state/prices.json", mustExist: false));
    }

    [Fact]
    public void WithOverrides_RequiredFileMissing_ThrowsNamingFile()
    {
        var exception = Assert.Throws<KimiPriceFileException>(() => KimiPrices.WithOverrides(new MockFileSystem(), "/x/prices.json", mustExist: true));

        Assert.Contains("/x/prices.json", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RatesWithoutOptionalOnes_PricesCacheReadsAndWritesAsCacheMisses()
    {
        var table = Load("""{"prices": [{"model": "m", "rates": {"cache_miss": 2, "output": 10}}]}""");

        Assert.Equal(2m + 2m + 2m + 10m, table.Price("m", Switch, OneMillionEach));
    }

    [Fact]
    public void Load_NullOptionalRatesAndText_AreAsIfLeftOut()
    {
        var table = Load("""{"prices": [{"model": "m", "rates": {"cache_hit": null, "cache_miss": 2, "cache_creation": null, "output": 10}, "date": null, "source": null, "effective_from": null}]}""");

        Assert.Equal(2m + 2m + 2m + 10m, table.Price("m", Switch, OneMillionEach));
    }

    [Fact]
    public void Load_EffectiveFrom_ChoosesThePriceInForceAtEachMoment()
    {
        var table = Load("""
            {"prices": [
              {"model": "m", "rates": {"cache_miss": 1, "output": 1}},
              {"model": "m", "effective_from": "2026-04-20T23:28:10+08:00", "rates": {"cache_miss": 3, "output": 3}}
            ]}
            """);
        var output = new TokenUsage(0, 0, 0, 1_000_000);

        Assert.Equal(1m, table.Price("m", Switch.AddSeconds(-1), output));
        Assert.Equal(3m, table.Price("m", Switch, output));
    }

    [Fact]
    public void Load_PricedAs_PricesTheModelAsTheOther()
    {
        var table = Load("""{"prices": [{"model": "k", "rates": {"cache_miss": 1, "output": 7}}, {"model": "gw/alias", "priced_as": "k"}]}""");

        Assert.Equal(7m, table.Price("gw/alias", Switch, new TokenUsage(0, 0, 0, 1_000_000)));
    }

    [Fact]
    public void PriceFileHelp_Example_IsAValidPriceFile()
    {
        var help = KimiPrices.PriceFileHelp;
        var example = help[help.IndexOf("  {\n", StringComparison.Ordinal)..];

        var table = Load(example);

        Assert.Equal(4.0m, table.Price("kimi-k2.6", Switch, new TokenUsage(0, 0, 0, 1_000_000)));
        Assert.Equal(3.5m, table.Price("my-gateway/k2", new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), new TokenUsage(0, 0, 0, 1_000_000)));
    }

    [Fact]
    public void Load_LargerThanTheLimit_ThrowsNamingTheFile()
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/state/prices.json", new MockFileData(new string(' ', (1 << 20) + 1) + "{}"));

        var exception = Assert.Throws<KimiPriceFileException>(() => KimiPrices.Load(fileSystem, "/state/prices.json"));

        Assert.Equal("/state/prices.json: a price file is at most 1,024 KiB; this one is larger", exception.Message);
    }

    private static PriceTable Load(string content)
    {
        var fileSystem = new MockFileSystem();
        fileSystem.AddFile("/state/prices.json", new MockFileData(content));
        return KimiPrices.Load(fileSystem, "/state/prices.json");
    }
}
