using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain.Tests.Time;

public sealed class CalendarPeriodTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Containing_LateUtcEveningSeenFromShanghai_IsTheNextLocalDay()
    {
        var period = CalendarPeriod.Containing(CalendarUnit.Day, DateTimeOffset.Parse("2026-11-30T23:30:00Z"), Shanghai);

        Assert.Equal("2026-12-01", period.Key);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T16:00:00Z"), period.Start);
        Assert.Equal(TimeSpan.FromHours(8), period.Start.Offset);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T16:00:00Z"), period.End);
    }

    [Fact]
    public void Containing_LateUtcEveningSeenFromLosAngeles_IsTheSameAfternoon()
    {
        var period = CalendarPeriod.Containing(CalendarUnit.Day, DateTimeOffset.Parse("2026-11-30T23:30:00Z"), LosAngeles);

        Assert.Equal("2026-11-30", period.Key);
        Assert.Equal(TimeSpan.FromHours(-8), period.Start.Offset);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:00:00Z"), period.Start);
    }

    [Fact]
    public void Of_DayOfSpringForward_Lasts23Hours()
    {
        var period = CalendarPeriod.Of(CalendarUnit.Day, new DateOnly(2026, 3, 8), NewYork);

        Assert.Equal(TimeSpan.FromHours(23), period.End - period.Start);
        Assert.Equal(TimeSpan.FromHours(-5), period.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(-4), period.End.Offset);
    }

    [Fact]
    public void Of_WeekOfFallBack_Lasts169Hours()
    {
        var period = CalendarPeriod.Of(CalendarUnit.Week, new DateOnly(2026, 11, 1), NewYork);

        Assert.Equal(new DateOnly(2026, 10, 26), period.FirstDay);
        Assert.Equal("2026-W44", period.Key);
        Assert.Equal(TimeSpan.FromHours(169), period.End - period.Start);
    }

    [Theory]
    [InlineData("2026-12-31", "2026-W53", "2026-12-28")]
    [InlineData("2027-01-03", "2026-W53", "2026-12-28")]
    [InlineData("2027-01-04", "2027-W01", "2027-01-04")]
    [InlineData("2024-12-30", "2025-W01", "2024-12-30")]
    public void Of_Week_UsesIsoYearAndMondayFirst(string day, string key, string monday)
    {
        var period = CalendarPeriod.Of(CalendarUnit.Week, DateOnly.Parse(day), TimeZoneInfo.Utc);

        Assert.Equal(key, period.Key);
        Assert.Equal(DateOnly.Parse(monday), period.FirstDay);
        Assert.Equal(DayOfWeek.Monday, period.FirstDay.DayOfWeek);
    }

    [Fact]
    public void Of_Month_SpansToTheNextMonthsMidnightInTheZone()
    {
        var period = CalendarPeriod.Of(CalendarUnit.Month, new DateOnly(2026, 12, 17), Shanghai);

        Assert.Equal("2026-12", period.Key);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T16:00:00Z"), period.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-12-31T16:00:00Z"), period.End);
    }

    [Fact]
    public void Next_AfterMonthAcrossDstChange_StartsWhereThisEnds()
    {
        var march = CalendarPeriod.Of(CalendarUnit.Month, new DateOnly(2026, 3, 1), NewYork);

        var april = march.Next(NewYork);

        Assert.Equal(march.End, april.Start);
        Assert.Equal("2026-04", april.Key);
        Assert.Equal(TimeSpan.FromHours(-4), april.Start.Offset);
    }

    [Fact]
    public void Contains_StartIncludedEndExcluded()
    {
        var day = CalendarPeriod.Of(CalendarUnit.Day, new DateOnly(2026, 12, 1), TimeZoneInfo.Utc);

        Assert.True(day.Contains(day.Start));
        Assert.True(day.Contains(day.End.AddTicks(-1)));
        Assert.False(day.Contains(day.End));
        Assert.False(day.Contains(day.Start.AddTicks(-1)));
    }

    [Fact]
    public void AtWallTime_InSpringForwardGap_LandsAfterTheGap()
    {
        var instant = CalendarPeriod.AtWallTime(new DateTime(2026, 3, 8, 2, 30, 0), NewYork);

        Assert.Equal(DateTimeOffset.Parse("2026-03-08T07:30:00Z"), instant);
        Assert.Equal(TimeSpan.FromHours(-4), instant.Offset);
    }

    [Fact]
    public void AtWallTime_InFallBackRepeat_IsTheFirstOccurrence()
    {
        var instant = CalendarPeriod.AtWallTime(new DateTime(2026, 11, 1, 1, 30, 0), NewYork);

        Assert.Equal(DateTimeOffset.Parse("2026-11-01T05:30:00Z"), instant);
    }

    [Fact]
    public void Containing_EveryInstantOfAYear_LiesInItsPeriodAndPeriodsTile()
    {
        foreach (var unit in new[] { CalendarUnit.Day, CalendarUnit.Week, CalendarUnit.Month })
        {
            var period = CalendarPeriod.Containing(unit, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), NewYork);
            for (var i = 0; i < 60; i++)
            {
                var next = period.Next(NewYork);
                Assert.Equal(period.End, next.Start);
                Assert.Equal(period, CalendarPeriod.Containing(unit, period.Start, NewYork));
                Assert.Equal(period, CalendarPeriod.Containing(unit, period.End.AddSeconds(-1), NewYork));
                period = next;
            }
        }
    }

    [Fact]
    public void AtWallTime_JustAfterSpringForward_KeepsTheNewOffset()
    {
        var instant = CalendarPeriod.AtWallTime(new DateTime(2026, 3, 8, 4, 30, 0), NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 4, 30, 0, TimeSpan.FromHours(-4)), instant);
        Assert.Equal(TimeSpan.FromHours(-4), instant.Offset);
    }
}
