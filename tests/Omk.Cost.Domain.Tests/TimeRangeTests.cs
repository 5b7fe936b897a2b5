namespace Omk.Cost.Domain.Tests;

public sealed class TimeRangeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(1);

    [Fact]
    public void Includes_StartAndTickBeforeEnd_AreIn()
    {
        var range = new TimeRange(Start, End);

        Assert.Equal((true, true), (range.Includes(Start), range.Includes(End.AddTicks(-1))));
    }

    [Fact]
    public void Includes_EndAndTickBeforeStart_AreOut()
    {
        var range = new TimeRange(Start, End);

        Assert.Equal((false, false), (range.Includes(End), range.Includes(Start.AddTicks(-1))));
    }

    [Fact]
    public void Includes_All_TakesEveryMoment()
    {
        Assert.True(TimeRange.All.Includes(DateTimeOffset.MinValue) && TimeRange.All.Includes(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Window_SinceAndUntilOfBothQueries_AreTheSameRange()
    {
        var report = new CostReportQuery { Since = Start, Until = End };
        var usage = new Omk.Cost.Domain.Usage.UsageQuery { Since = Start, Until = End };

        Assert.Equal((new TimeRange(Start, End), new TimeRange(Start, End)), (report.Window, usage.Window));
    }
}
