using Omk.Cli.Arguments;

namespace Omk.Cli.Tests.Arguments;

public sealed class TimeBoundTests
{
    [Fact]
    public void ExclusiveEnd_Date_IsTheNextMidnight()
    {
        TimeBound.TryParse("2026-11-20", out var bound);

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), bound.ExclusiveEnd);
    }

    [Fact]
    public void ExclusiveEnd_Timestamp_IsTheMomentItself()
    {
        TimeBound.TryParse("2026-11-20T12:00:00Z", out var bound);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), bound.ExclusiveEnd);
    }
}
