using Omk.Cli.Arguments;

namespace Omk.Cli.Tests.Arguments;

public sealed class TimeBoundTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ExclusiveEnd_Date_IsTheZonesNextMidnight()
    {
        TimeBound.TryParse("2026-11-20", out var bound);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8)), bound.ExclusiveEnd(Shanghai, Now));
    }

    [Fact]
    public void ExclusiveEnd_Timestamp_IsTheMomentItself()
    {
        TimeBound.TryParse("2026-11-20T12:00:00Z", out var bound);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), bound.ExclusiveEnd(Shanghai, Now));
    }

    [Fact]
    public void Show_DateAndTimestamp_AsAPersonReadsThemInTheZone()
    {
        TimeBound.TryParse("20261120", out var day);
        TimeBound.TryParse("2026-11-20T12:00:00Z", out var moment);

        Assert.Equal("2026-11-20", day.Show(Shanghai, Now));
        Assert.Equal("2026-11-20 20:00", moment.Show(Shanghai, Now));
    }

    [Theory]
    [InlineData("24h", 24, "h")]
    [InlineData("7d", 7, "d")]
    [InlineData("2W", 2, "w")]
    [InlineData("3mo", 3, "mo")]
    [InlineData("90min", 90, "min")]
    public void RecentSpanTryParse_Span_AmountAndUnit(string text, int amount, string unit)
    {
        Assert.True(RecentSpan.TryParse(text, out var span));
        Assert.Equal(new RecentSpan(amount, unit), span);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("7y")]
    [InlineData("1h30m")]
    [InlineData("3m")]
    public void RecentSpanTryParse_NotASpan_ReturnsFalse(string text)
    {
        Assert.False(RecentSpan.TryParse(text, out _));
    }

    [Fact]
    public void RecentSpanSince_Months_AreCalendarMonthsOfTheZone()
    {
        var since = new RecentSpan(3, "mo").Since(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 9, 1, 4, 0, 0, TimeSpan.FromHours(8)), since);
    }
}
