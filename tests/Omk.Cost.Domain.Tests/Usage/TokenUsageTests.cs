using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests.Usage;

public sealed class TokenUsageTests
{
    [Fact]
    public void Add_TwoUsages_AddsClassByClass()
    {
        var sum = new TokenUsage(1, 2, 3, 4) + new TokenUsage(10, 20, 30, 40);

        Assert.Equal(new TokenUsage(11, 22, 33, 44), sum);
    }

    [Fact]
    public void Add_Overflow_SaturatesAtMaxValue()
    {
        var sum = new TokenUsage(ulong.MaxValue, 0, 0, ulong.MaxValue - 1) + new TokenUsage(5, 0, 0, 5);

        Assert.Equal(new TokenUsage(ulong.MaxValue, 0, 0, ulong.MaxValue), sum);
    }

    [Fact]
    public void InputTokens_ThreeInputClasses_AddsThemWithoutOutput()
    {
        var usage = new TokenUsage(InputOther: 100, CacheRead: 2000, CacheCreation: 30, Output: 7);

        Assert.Equal(2130ul, usage.InputTokens);
    }

    [Fact]
    public void TotalTokens_HugeCounts_Saturates()
    {
        var usage = new TokenUsage(ulong.MaxValue, ulong.MaxValue, 1, 1);

        Assert.Equal(ulong.MaxValue, usage.TotalTokens);
    }

    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0UL, true)]
    [InlineData(1UL, 0UL, 0UL, 0UL, false)]
    [InlineData(0UL, 1UL, 0UL, 0UL, false)]
    [InlineData(0UL, 0UL, 1UL, 0UL, false)]
    [InlineData(0UL, 0UL, 0UL, 1UL, false)]
    public void IsZero_AnyClassCounted_IsNotZero(ulong inputOther, ulong cacheRead, ulong cacheCreation, ulong output, bool zero)
    {
        Assert.Equal(zero, new TokenUsage(inputOther, cacheRead, cacheCreation, output).IsZero);
    }
}
