namespace Omk.Cost.Domain.Tests;

public sealed class SaturatingTests
{
    [Fact]
    public void Add_UnsignedWithoutOverflow_IsTheSum()
    {
        Assert.Equal(5UL, Saturating.Add(2UL, 3UL));
    }

    [Fact]
    public void Add_UnsignedOverflow_StopsAtMaxValue()
    {
        Assert.Equal(ulong.MaxValue, Saturating.Add(ulong.MaxValue, 1UL));
    }

    [Fact]
    public void Add_DecimalWithoutOverflow_IsTheSum()
    {
        Assert.Equal(0.0182m, Saturating.Add(0.0091m, 0.0091m));
    }

    [Fact]
    public void Add_DecimalOverflowUpwards_StopsAtMaxValue()
    {
        Assert.Equal(decimal.MaxValue, Saturating.Add(decimal.MaxValue, 1m));
    }

    [Fact]
    public void Add_DecimalOverflowDownwards_StopsAtMinValue()
    {
        Assert.Equal(decimal.MinValue, Saturating.Add(decimal.MinValue, -1m));
    }

    [Theory]
    [InlineData(long.MinValue, 0UL)]
    [InlineData(-1L, 0UL)]
    [InlineData(0L, 0UL)]
    [InlineData(long.MaxValue, 9223372036854775807UL)]
    public void NonNegative_AnyValue_ClampsNegativesToZero(long value, ulong expected)
    {
        Assert.Equal(expected, Saturating.NonNegative(value));
    }

    [Fact]
    public void Add_TwoNegativeAmounts_AddsThem()
    {
        Assert.Equal(-2m, Saturating.Add(-1m, -1m));
        Assert.Equal(decimal.MinValue, Saturating.Add(decimal.MinValue + 1m, -2m));
    }

    [Fact]
    public void Percent_OverflowingEitherWay_SaturatesOnItsSide()
    {
        Assert.Equal(decimal.MaxValue, Saturating.Percent(decimal.MaxValue, 0.001m));
        Assert.Equal(decimal.MinValue, Saturating.Percent(decimal.MinValue, 0.001m));
        Assert.Equal(50m, Saturating.Percent(5m, 10m));
    }
}
