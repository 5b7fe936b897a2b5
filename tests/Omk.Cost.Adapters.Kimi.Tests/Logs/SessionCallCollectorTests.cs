using Omk.Cost.Adapters.Kimi.Logs;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Logs;

public sealed class SessionCallCollectorTests
{
    private static readonly UsageCall Call = new(DateTimeOffset.UnixEpoch, "m", new TokenUsage(1, 0, 0, 0));

    [Fact]
    public void Finish_SameMessageIdInTwoFiles_CountsItOnce()
    {
        var collector = new SessionCallCollector();
        collector.Add("parent", "sub", MessageIdHash.Of("id-1"u8), Call);
        collector.Add("sub-file", "sub", MessageIdHash.Of("id-1"u8), Call);

        Assert.Single(collector.Finish());
    }

    [Fact]
    public void Finish_IdlessCopiesOfOneAgent_CountsTheLongestCopy()
    {
        var collector = new SessionCallCollector();
        collector.Add("parent", "sub", null, Call);
        collector.Add("sub-file", "sub", null, Call);
        collector.Add("sub-file", "sub", null, Call);

        Assert.Equal(2, collector.Finish().Length);
    }

    [Fact]
    public void Finish_NextSessionOnTheSameThread_StartsWithNoMessageIds()
    {
        var first = new SessionCallCollector();
        first.Add("a", string.Empty, MessageIdHash.Of("id-1"u8), Call);
        first.Finish();

        var second = new SessionCallCollector();
        second.Add("b", string.Empty, MessageIdHash.Of("id-1"u8), Call);

        Assert.Single(second.Finish());
    }

    [Fact]
    public void Finish_AfterASessionOfManyIds_NextSessionStillCountsEachIdOnce()
    {
        var large = new SessionCallCollector();
        for (var index = 0; index < 70_000; index++)
        {
            large.Add("a", string.Empty, new UInt128(0, (ulong)index), Call);
        }

        Assert.Equal(70_000, large.Finish().Length);

        var next = new SessionCallCollector();
        next.Add("b", string.Empty, new UInt128(0, 1), Call);
        next.Add("b", string.Empty, new UInt128(0, 1), Call);

        Assert.Single(next.Finish());
    }

    [Fact]
    public void Finish_CallsOutOfOrder_ReturnsThemByTime()
    {
        var collector = new SessionCallCollector();
        collector.Add("f", string.Empty, MessageIdHash.Of("b"u8), Call with { Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(2) });
        collector.Add("f", string.Empty, MessageIdHash.Of("a"u8), Call);

        Assert.Equal(DateTimeOffset.UnixEpoch, collector.Finish()[0].Timestamp);
    }

    [Fact]
    public void Finish_SecondSessionOnSameThread_StartsEmpty()
    {
        var first = new SessionCallCollector();
        first.Add("f", string.Empty, null, Call);
        first.Finish();

        Assert.Empty(new SessionCallCollector().Finish());
    }

    [Fact]
    public void Finish_IdlessCallsOfDifferentAgents_CountsAll()
    {
        var collector = new SessionCallCollector();
        collector.Add("parent", string.Empty, null, Call);
        collector.Add("parent", "sub", null, Call);

        Assert.Equal(2, collector.Finish().Length);
    }
}
