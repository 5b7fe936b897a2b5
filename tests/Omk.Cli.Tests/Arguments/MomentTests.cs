using Omk.Cli.Arguments;

namespace Omk.Cli.Tests.Arguments;

public sealed class MomentTests
{
    [Fact]
    public void TryParse_Date_ReturnsUtcMidnightMarkedAsDate()
    {
        var parsed = Moment.TryParse("2026-11-20", out var value, out var isDate);

        Assert.True(parsed);
        Assert.True(isDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2026-11-20T09:15:02Z")]
    [InlineData("2026-11-20T10:15:02+01:00")]
    [InlineData("2026-11-20T09:15:02")]
    [InlineData("2026-11-20 09:15:02Z")]
    public void TryParse_Timestamp_ReturnsTheUtcMoment(string text)
    {
        var parsed = Moment.TryParse(text, out var value, out var isDate);

        Assert.True(parsed);
        Assert.False(isDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Fact]
    public void TryParse_NanosecondTimestamp_KeepsTheFirstSevenDigits()
    {
        var parsed = Moment.TryParse("2026-11-20T09:15:02.123456789Z", out var value, out _);

        Assert.True(parsed);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1234567), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01")]
    [InlineData("2026-11-31")]
    [InlineData("20/11/2026")]
    [InlineData("2026-11-20T25:00:00Z")]
    public void TryParse_NotAMoment_ReturnsFalse(string text)
    {
        var parsed = Moment.TryParse(text, out _, out _);

        Assert.False(parsed);
    }
}
