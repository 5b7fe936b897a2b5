using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests.Usage;

public sealed class PriceTableTests
{
    private static readonly DateTimeOffset Switch = new(2026, 4, 20, 15, 28, 10, TimeSpan.Zero);

    private static readonly PriceTable Table = new(
        [Price("kimi-k2.5", 3.00m), Price("kimi-k2.6", 4.00m)],
        [
            new ModelAlias { Model = "kimi-for-coding", PricedAs = "kimi-k2.5" },
            new ModelAlias { Model = "kimi-for-coding", EffectiveFrom = Switch, PricedAs = "kimi-k2.6" },
        ]);

    private static readonly TokenUsage OneMillionOutput = new(0, 0, 0, 1_000_000);

    [Fact]
    public void Price_UnknownModel_ReturnsNullNotZero()
    {
        Assert.Null(Table.Price("mystery-model", Switch, OneMillionOutput));
    }

    [Fact]
    public void Price_ProviderPrefix_UsesLastSegment()
    {
        Assert.Equal(4.00m, Table.Price("moonshot/kimi-k2.6", Switch, OneMillionOutput));
    }

    [Fact]
    public void Price_OtherCase_FindsModel()
    {
        Assert.Equal(3.00m, Table.Price("KIMI-K2.5", Switch, OneMillionOutput));
    }

    [Fact]
    public void Price_AliasJustBeforeSwitch_UsesOldTarget()
    {
        Assert.Equal(3.00m, Table.Price("kimi-code/kimi-for-coding", Switch.AddTicks(-1), OneMillionOutput));
    }

    [Fact]
    public void Price_AliasAtSwitch_UsesNewTarget()
    {
        Assert.Equal(4.00m, Table.Price("kimi-for-coding", Switch, OneMillionOutput));
    }

    [Fact]
    public void TryFind_AliasCycle_ReturnsFalse()
    {
        var table = new PriceTable([], [new ModelAlias { Model = "a", PricedAs = "b" }, new ModelAlias { Model = "b", PricedAs = "a" }]);

        Assert.False(table.TryFind("a", Switch, out _));
    }

    [Fact]
    public void TryFind_BeforeFirstDatedPrice_ReturnsFalse()
    {
        var table = new PriceTable([Price("future", 1m) with { EffectiveFrom = Switch }]);

        Assert.False(table.TryFind("future", Switch.AddDays(-1), out _));
    }

    [Fact]
    public void MergedWith_OverriddenModel_PricedByOverrideAlone()
    {
        var merged = Table.MergedWith(new PriceTable([], [new ModelAlias { Model = "kimi-for-coding", PricedAs = "kimi-k2.6" }]));

        Assert.Equal(4.00m, merged.Price("kimi-for-coding", Switch.AddYears(-1), OneMillionOutput));
    }

    [Fact]
    public void MergedWith_ModelNotOverridden_KeepsPrice()
    {
        var merged = Table.MergedWith(new PriceTable([Price("new-model", 9m)]));

        Assert.Equal(3.00m, merged.Price("kimi-k2.5", Switch, OneMillionOutput));
    }

    private static ModelPrice Price(string model, decimal output) =>
        new() { Model = model, CacheMissPerMillion = 1m, CacheHitPerMillion = 0.1m, OutputPerMillion = output };

    [Fact]
    public void Price_DatedPricesListedNewestFirst_UsesTheOneInForce()
    {
        var table = new PriceTable(
        [
            Price("kimi-k3", 3m) with { EffectiveFrom = Switch.AddDays(20) },
            Price("kimi-k3", 2m) with { EffectiveFrom = Switch.AddDays(10) },
            Price("kimi-k3", 1m) with { EffectiveFrom = Switch },
        ]);

        Assert.Equal(1m, table.Price("kimi-k3", Switch.AddDays(5), OneMillionOutput));
        Assert.Equal(2m, table.Price("kimi-k3", Switch.AddDays(15), OneMillionOutput));
        Assert.Equal(3m, table.Price("kimi-k3", Switch.AddDays(25), OneMillionOutput));
    }

    [Fact]
    public void Price_ChainOfEightAliases_IsFollowedToItsPrice()
    {
        var aliases = Enumerable.Range(0, 7).Select(index => new ModelAlias { Model = $"a{index}", PricedAs = $"a{index + 1}" });
        var table = new PriceTable([Price("a7", 5m)], aliases);

        Assert.Equal(5m, table.Price("a0", Switch, OneMillionOutput));
    }

    [Fact]
    public void Price_ChainOfNineAliases_IsTooDeepToFollow()
    {
        var aliases = Enumerable.Range(0, 8).Select(index => new ModelAlias { Model = $"a{index}", PricedAs = $"a{index + 1}" });
        var table = new PriceTable([Price("a8", 5m)], aliases);

        Assert.Null(table.Price("a0", Switch, OneMillionOutput));
    }

    [Fact]
    public void Price_NameStartingWithASlash_IsLookedUpWithoutIt()
    {
        Assert.Equal(3.00m, Table.Price("/kimi-k2.5", Switch, OneMillionOutput));
        Assert.Null(Table.Price("moonshot/", Switch, OneMillionOutput));
    }

    [Fact]
    public void Prices_AliasesAmongThem_ListsOnlyRealPrices()
    {
        Assert.Equal(["kimi-k2.5", "kimi-k2.6"], Table.Prices.Select(price => price.Model).Order(StringComparer.Ordinal));
    }
}
