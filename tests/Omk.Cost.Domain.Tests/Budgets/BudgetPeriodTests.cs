using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class BudgetPeriodTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Containing_Total_IsAllTime()
    {
        var period = BudgetPeriod.Containing(BudgetPeriodKind.Total, DateTimeOffset.UnixEpoch, Shanghai);

        Assert.Equal(BudgetPeriod.AllTime, period);
        Assert.True(period.Contains(DateTimeOffset.MinValue));
        Assert.True(period.Contains(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Containing_MonthInShanghai_LastUtcEveningOfTheMonthBelongsToTheNextMonth()
    {
        // 2026-11-30T16:30Z is 00:30 on 1 December in Shanghai (UTC+8).
        var instant = new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero);

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Month, instant, Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), period.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), period.End);
        Assert.False(period.Contains(instant.AddMinutes(-31)));
        Assert.True(period.Contains(instant));
    }

    [Fact]
    public void Containing_MonthInNewYork_SameInstantIsStillNovember()
    {
        var instant = new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero);

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Month, instant, NewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-5)), period.End);
    }

    [Fact]
    public void Containing_DayDaylightSavingStartsInNewYork_LastsTwentyThreeHours()
    {
        var instant = new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.FromHours(-4));

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Day, instant, NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5)), period.Start);
        Assert.Equal(TimeSpan.FromHours(23), period.End!.Value - period.Start!.Value);
    }

    [Fact]
    public void Containing_DayDaylightSavingEndsInNewYork_LastsTwentyFiveHours()
    {
        var instant = new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.FromHours(-5));

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Day, instant, NewYork);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), period.Start);
        Assert.Equal(TimeSpan.FromHours(25), period.End!.Value - period.Start!.Value);
    }

    [Fact]
    public void Containing_DayDaylightSavingStartedInShanghaiIn1991_LastsTwentyThreeHours()
    {
        // China kept daylight saving from 1986 to 1991; in 1991 it began on 14 April at 02:00.
        var instant = new DateTimeOffset(1991, 4, 14, 12, 0, 0, TimeSpan.FromHours(9));

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Day, instant, Shanghai);

        Assert.Equal(new DateTimeOffset(1991, 4, 14, 0, 0, 0, TimeSpan.FromHours(8)), period.Start);
        Assert.Equal(TimeSpan.FromHours(23), period.End!.Value - period.Start!.Value);
    }

    [Fact]
    public void Containing_WeekAcrossDaylightSavingInNewYork_RunsMondayToMondayOverOneHourLess()
    {
        var instant = new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.FromHours(-4));

        var period = BudgetPeriod.Containing(BudgetPeriodKind.Week, instant, NewYork);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(-5)), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(-4)), period.End);
        Assert.Equal(TimeSpan.FromHours((7 * 24) - 1), period.End!.Value - period.Start!.Value);
    }

    [Theory]
    [InlineData("2026-12-28T00:00:00+08:00")]
    [InlineData("2027-01-01T12:00:00+08:00")]
    [InlineData("2027-01-03T23:59:59+08:00")]
    public void Containing_IsoWeek53_RunsFromMonday28DecemberTo4January(string moment)
    {
        // 2026 starts on a Thursday, so it has an ISO week 53 that ends in 2027.
        var period = BudgetPeriod.Containing(BudgetPeriodKind.Week, DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture), Shanghai);

        Assert.Equal(new DateTimeOffset(2026, 12, 28, 0, 0, 0, TimeSpan.FromHours(8)), period.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.FromHours(8)), period.End);
        Assert.Equal(53, System.Globalization.ISOWeek.GetWeekOfYear(period.Start!.Value.DateTime));
    }

    [Fact]
    public void Containing_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetPeriod.Containing((BudgetPeriodKind)9, DateTimeOffset.UnixEpoch, Shanghai));
    }

    [Fact]
    public void Contains_EndOfThePeriod_IsExcluded()
    {
        var period = BudgetPeriod.Containing(BudgetPeriodKind.Day, new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.True(period.Contains(period.Start!.Value));
        Assert.False(period.Contains(period.End!.Value));
    }
}
