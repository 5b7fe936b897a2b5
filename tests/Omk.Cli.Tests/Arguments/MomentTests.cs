using Omk.Cli.Arguments;

namespace Omk.Cli.Tests.Arguments;

public sealed class MomentTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    // 2026-11-20T23:30Z: already 2026-11-21 in Shanghai, still 2026-11-20 in Los Angeles.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 23, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-20")]
    [InlineData("20261120")]
    public void TryParse_Date_ReturnsTheZonesMidnightMarkedAsDate(string text)
    {
        var parsed = Moment.TryParse(text, Shanghai, Now, out var value, out var isDate);

        Assert.True(parsed);
        Assert.True(isDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8)), value);
        Assert.Equal(TimeSpan.FromHours(8), value.Offset);
    }

    [Theory]
    [InlineData("today", "Asia/Shanghai", 2026, 11, 21)]
    [InlineData("yesterday", "Asia/Shanghai", 2026, 11, 20)]
    [InlineData("TODAY", "America/Los_Angeles", 2026, 11, 20)]
    [InlineData("yesterday", "America/Los_Angeles", 2026, 11, 19)]
    public void TryParse_TodayOrYesterday_IsTheZonesDay(string text, string zone, int year, int month, int day)
    {
        var parsed = Moment.TryParse(text, TimeZoneInfo.FindSystemTimeZoneById(zone), Now, out var value, out var isDate);

        Assert.True(parsed);
        Assert.True(isDate);
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(value.DateTime));
        Assert.Equal(TimeSpan.Zero, value.TimeOfDay);
    }

    [Theory]
    [InlineData("2026-11-20T09:15:02Z")]
    [InlineData("2026-11-20T10:15:02+01:00")]
    [InlineData("2026-11-20 09:15:02Z")]
    public void TryParse_TimestampWithOffset_IsThatInstantWhateverTheZone(string text)
    {
        var parsed = Moment.TryParse(text, LosAngeles, Now, out var value, out var isDate);

        Assert.True(parsed);
        Assert.False(isDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero), value);
    }

    [Fact]
    public void TryParse_TimestampWithoutOffset_IsAWallTimeOfTheZone()
    {
        var parsed = Moment.TryParse("2026-11-20T09:15:02", Shanghai, Now, out var value, out var isDate);

        Assert.True(parsed);
        Assert.False(isDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 1, 15, 2, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.FromHours(8), value.Offset);
    }

    [Fact]
    public void TryParse_WallTimeInTheDaylightSavingGap_LandsAfterTheGap()
    {
        // Los Angeles skips 02:00-03:00 on 2026-03-08.
        var parsed = Moment.TryParse("2026-03-08T02:30", LosAngeles, Now, out var value, out _);

        Assert.True(parsed);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 10, 30, 0, TimeSpan.Zero), value);
    }

    [Fact]
    public void TryParse_NanosecondTimestamp_KeepsTheFirstSevenDigits()
    {
        var parsed = Moment.TryParse("2026-11-20T09:15:02.123456789Z", TimeZoneInfo.Utc, Now, out var value, out _);

        Assert.True(parsed);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero).AddTicks(1234567), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01")]
    [InlineData("2026-11-31")]
    [InlineData("20261131")]
    [InlineData("20/11/2026")]
    [InlineData("2026-11-20T25:00:00Z")]
    public void TryParse_NotAMoment_ReturnsFalse(string text)
    {
        var parsed = Moment.TryParse(text, TimeZoneInfo.Utc, Now, out _, out _);

        Assert.False(parsed);
    }
}
