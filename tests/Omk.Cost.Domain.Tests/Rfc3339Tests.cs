using System.Text;

namespace Omk.Cost.Domain.Tests;

public sealed class Rfc3339Tests
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 20, 9, 15, 2, TimeSpan.Zero);

    [Fact]
    public void TryParse_UtcWithZ_ReadsTheInstant()
    {
        var parsed = Parse("2026-11-20T09:15:02Z");

        Assert.Equal(Instant, parsed);
    }

    [Fact]
    public void TryParse_Nanoseconds_TruncatesToTicks()
    {
        var parsed = Parse("2026-11-20T09:15:02.123456789Z");

        Assert.Equal(Instant.AddTicks(1_234_567), parsed);
    }

    [Fact]
    public void TryParse_FewerFractionDigits_ScalesThemToTicks()
    {
        var parsed = Parse("2026-11-20T09:15:02.5Z");

        Assert.Equal(Instant.AddMilliseconds(500), parsed);
    }

    [Theory]
    [InlineData("2026-11-20T11:15:02+02:00")]
    [InlineData("2026-11-20T03:45:02-05:30")]
    [InlineData("2026-11-20t09:15:02z")]
    public void TryParse_OtherOffsetOrLowerCase_ReadsTheSameUtcInstant(string text)
    {
        var parsed = Parse(text);

        Assert.Equal((Instant, TimeSpan.Zero), (parsed, parsed.Offset));
    }

    [Fact]
    public void TryParse_LastTickOfYear9999_ReadsIt()
    {
        var parsed = Parse("9999-12-31T23:59:59.9999999Z");

        Assert.Equal(DateTimeOffset.MaxValue, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-20T09:15:02")]
    [InlineData("2026-11-20 09:15:02Z")]
    [InlineData("2026-11-20T09:15:02.Z")]
    [InlineData("2026-11-20T09:15:02+0200")]
    [InlineData("2026-11-20T09:15:02+24:00")]
    [InlineData("2026-11-20T09:15:02ZZ")]
    [InlineData("2026-02-29T09:15:02Z")]
    [InlineData("2026-13-20T09:15:02Z")]
    [InlineData("2026-11-20T24:00:00Z")]
    [InlineData("2026-11-20T23:59:60Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("2026-11-2OT09:15:02Z")]
    public void TryParse_NotAnRfc3339Timestamp_Refuses(string text)
    {
        var accepted = Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out _);

        Assert.False(accepted);
    }

    [Theory]
    [InlineData("2026-11-20T09:15:02.123456789Z")]
    [InlineData("2026-11-20T11:15:02+02:00")]
    [InlineData("2026-11-20T09:15:02Zé")]
    public void TryParse_Characters_AgreesWithBytes(string text)
    {
        var fromBytes = Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var bytesValue);

        var fromChars = Rfc3339.TryParse(text.AsSpan(), out var charsValue);

        Assert.Equal((fromBytes, bytesValue), (fromChars, charsValue));
    }

    [Fact]
    public void TryParse_CharactersBeyondAscii_Refuses()
    {
        var accepted = Rfc3339.TryParse("２026-11-20T09:15:02Z".AsSpan(), out _);

        Assert.False(accepted);
    }

    [Theory]
    [InlineData("2026-11-20T09:15:02Z", 0)]
    [InlineData("2026-11-20 09:15:02Z", 0)]
    [InlineData("2026-11-20 10:15:02+01:00", 60)]
    [InlineData("2026-11-20t08:15:02-01:00", -60)]
    public void TryParseRelaxed_TimestampWithOffset_ReadsWallTimeAndOffset(string text, int offsetMinutes)
    {
        var accepted = Rfc3339.TryParseRelaxed(text, out var wallTime, out var offset);

        Assert.Equal((true, Instant.UtcDateTime.AddMinutes(offsetMinutes).Ticks, TimeSpan.FromMinutes(offsetMinutes)), (accepted, wallTime.Ticks, offset));
    }

    [Theory]
    [InlineData("2026-11-20T09:15:02", 2)]
    [InlineData("2026-11-20 09:15", 0)]
    [InlineData("2026-11-20T09:15", 0)]
    public void TryParseRelaxed_WithoutOffset_ReadsTheWallTimeAndNoOffset(string text, int seconds)
    {
        var accepted = Rfc3339.TryParseRelaxed(text, out var wallTime, out var offset);

        Assert.Equal((true, new DateTime(2026, 11, 20, 9, 15, seconds), DateTimeKind.Unspecified, (TimeSpan?)null), (accepted, wallTime, wallTime.Kind, offset));
    }

    [Fact]
    public void TryParseRelaxed_Nanoseconds_TruncatesToTicks()
    {
        Rfc3339.TryParseRelaxed("2026-11-20 09:15:02.123456789", out var wallTime, out _);

        Assert.Equal(Instant.UtcDateTime.AddTicks(1_234_567).Ticks, wallTime.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-20")]
    [InlineData("2026-11-20T09")]
    [InlineData("2026-11-20T09:15:")]
    [InlineData("2026-11-20T09:15.5Z")]
    [InlineData("2026-11-20T25:00:00Z")]
    [InlineData("2026-11-31T09:15")]
    [InlineData("2026-11-20X09:15:02Z")]
    [InlineData("2026-11-20T09:15:02+0200")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("２026-11-20T09:15")]
    public void TryParseRelaxed_NotATimestamp_Refuses(string text)
    {
        Assert.False(Rfc3339.TryParseRelaxed(text, out _, out _));
    }

    [Fact]
    public void Format_WholeSecond_WritesNoFraction()
    {
        var text = Rfc3339.Format(Instant);

        Assert.Equal("2026-11-20T09:15:02Z", text);
    }

    [Fact]
    public void Format_Fraction_WritesOnlyTheDigitsNeeded()
    {
        var text = Rfc3339.Format(Instant.AddMilliseconds(500));

        Assert.Equal("2026-11-20T09:15:02.5Z", text);
    }

    [Fact]
    public void Format_OtherOffset_WritesUtcWithZ()
    {
        var text = Rfc3339.Format(new DateTimeOffset(2026, 11, 20, 11, 15, 2, TimeSpan.FromHours(2)));

        Assert.Equal("2026-11-20T09:15:02Z", text);
    }

    [Theory]
    [InlineData(8, 0, "2026-12-01T00:00:00+08:00")]
    [InlineData(-7, 0, "2026-12-01T00:00:00-07:00")]
    [InlineData(0, 0, "2026-12-01T00:00:00+00:00")]
    [InlineData(5, 250, "2026-12-01T00:00:00.25+05:00")]
    public void FormatWithOffset_AnyOffset_WritesTheWallTimeWithItsOffset(int hours, int milliseconds, string expected)
    {
        var moment = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(hours)).AddMilliseconds(milliseconds);

        Assert.Equal(expected, Rfc3339.FormatWithOffset(moment));
    }

    [Fact]
    public void Format_LastTickOfYear9999_WritesEverySevenDigits()
    {
        var text = Rfc3339.Format(DateTimeOffset.MaxValue);

        Assert.Equal("9999-12-31T23:59:59.9999999Z", text);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1_234_567L)]
    [InlineData(9_999_999L)]
    public void Format_ThenTryParse_RoundTripsEveryTick(long ticks)
    {
        var value = Instant.AddTicks(ticks);

        var parsed = Parse(Rfc3339.Format(value));

        Assert.Equal(value, parsed);
    }

    private static DateTimeOffset Parse(string text)
    {
        Assert.True(Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var value), text);
        return value;
    }

    [Fact]
    public void TryParse_FirstInstantOfYearOne_ReadsIt()
    {
        Assert.True(Rfc3339.TryParse("0001-01-01T00:00:00Z".AsSpan(), out var value));

        Assert.Equal(DateTimeOffset.MinValue, value);
    }

    [Fact]
    public void TryParse_LargestOffsets_AreRead()
    {
        Assert.True(Rfc3339.TryParse("2026-11-20T23:59:00+23:59".AsSpan(), out var value));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("2026-11-20T09:15:00+05:30x")]
    [InlineData("2026-11-20T09:15:0\u0130Z")]
    [InlineData("2026-11-20T09:15:00+24:00")]
    [InlineData("2026-11-20T09:15:00+05:60")]
    public void TryParse_TextAfterTheOffsetOrNonAsciiDigits_IsRefused(string text)
    {
        Assert.False(Rfc3339.TryParse(text.AsSpan(), out _));
    }
}
