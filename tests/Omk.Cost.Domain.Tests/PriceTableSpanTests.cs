using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// The span of moments over which a price lookup holds, which lets a report reuse one lookup for many calls.
/// </summary>
public sealed class PriceTableSpanTests
{
    private static readonly DateTimeOffset Switch = new(2026, 4, 20, 15, 28, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Switch.AddDays(30);

    private static readonly PriceTable Table = new(
        [Price("kimi-k2.5", null, 3m), Price("kimi-k2.6", null, 4m), Price("kimi-k2.6", Later, 5m)],
        [
            new ModelAlias { Model = "kimi-for-coding", PricedAs = "kimi-k2.5" },
            new ModelAlias { Model = "kimi-for-coding", EffectiveFrom = Switch, PricedAs = "kimi-k2.6" },
        ]);

    [Fact]
    public void TryFind_AliasBeforeSwitch_HoldsUntilTheSwitch()
    {
        Assert.True(Table.TryFind("kimi-for-coding", Switch.AddDays(-1), out var price, out var from, out var until));

        Assert.Equal(3m, price!.OutputPerMillion);
        Assert.Equal(DateTimeOffset.MinValue, from);
        Assert.Equal(Switch, until);
    }

    [Fact]
    public void TryFind_AliasAfterSwitch_HoldsFromTheSwitchUntilTheTargetsNextPrice()
    {
        Assert.True(Table.TryFind("kimi-for-coding", Switch.AddDays(1), out var price, out var from, out var until));

        Assert.Equal(4m, price!.OutputPerMillion);
        Assert.Equal(Switch, from);
        Assert.Equal(Later, until);
    }

    [Fact]
    public void TryFind_BeforeFirstDatedPrice_HoldsUntilThatPrice()
    {
        var table = new PriceTable([Price("future", Switch, 1m)]);

        Assert.False(table.TryFind("future", Switch.AddTicks(-1), out _, out var from, out var until));
        Assert.Equal(DateTimeOffset.MinValue, from);
        Assert.Equal(Switch, until);
    }

    [Fact]
    public void TryFind_UnknownModel_HoldsAlways()
    {
        Assert.False(Table.TryFind("mystery", Switch, out _, out var from, out var until));
        Assert.Equal(DateTimeOffset.MinValue, from);
        Assert.Equal(DateTimeOffset.MaxValue, until);
    }

    [Fact]
    public void TryFind_EveryMomentInTheSpan_GivesTheSameAnswer()
    {
        DateTimeOffset[] moments = [Switch.AddDays(-3), Switch.AddTicks(-1), Switch, Switch.AddHours(5), Later.AddTicks(-1), Later, Later.AddDays(9)];
        foreach (var moment in moments)
        {
            Table.TryFind("kimi-for-coding", moment, out var price, out var from, out var until);
            foreach (var other in moments.Where(m => m >= from && m < until))
            {
                Table.TryFind("kimi-for-coding", other, out var same);
                Assert.Same(price, same);
            }
        }
    }

    private static ModelPrice Price(string model, DateTimeOffset? from, decimal output) => new()
    {
        Model = model,
        EffectiveFrom = from,
        CacheMissPerMillion = 1m,
        OutputPerMillion = output,
    };
}
