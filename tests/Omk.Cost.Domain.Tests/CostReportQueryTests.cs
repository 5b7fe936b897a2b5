namespace Omk.Cost.Domain.Tests;

public sealed class CostReportQueryTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CostReportQuery November = new() { Since = Since, Until = Until };

    [Fact]
    public void Includes_NoBounds_IncludesAnySession()
    {
        var session = TestSessions.Create(startedAt: DateTimeOffset.MinValue);

        Assert.True(CostReportQuery.All.Includes(session));
    }

    [Fact]
    public void Includes_StartedAtSince_IsIncluded()
    {
        Assert.True(November.Includes(TestSessions.Create(startedAt: Since)));
    }

    [Fact]
    public void Includes_StartedJustBeforeSince_IsExcluded()
    {
        Assert.False(November.Includes(TestSessions.Create(startedAt: Since.AddTicks(-1))));
    }

    [Fact]
    public void Includes_StartedAtUntil_IsExcluded()
    {
        Assert.False(November.Includes(TestSessions.Create(startedAt: Until)));
    }

    [Fact]
    public void Includes_StartedJustBeforeUntil_IsIncluded()
    {
        Assert.True(November.Includes(TestSessions.Create(startedAt: Until.AddTicks(-1))));
    }

    [Fact]
    public void Includes_SameInstantInAnotherOffset_ComparesTheInstant()
    {
        var sameInstantAsUntil = Until.ToOffset(TimeSpan.FromHours(2));

        Assert.False(November.Includes(TestSessions.Create(startedAt: sameInstantAsUntil)));
    }

    [Fact]
    public void Includes_NullSession_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => November.Includes(null!));
    }

    [Fact]
    public void GroupBy_NotSet_IsType()
    {
        Assert.Equal(CostGrouping.Type, new CostReportQuery().GroupBy);
    }
}
