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
        collector.Add("parent", "sub", "id-1", Call);
        collector.Add("sub-file", "sub", "id-1", Call);

        Assert.Single(collector.Finish());
    }

    [Fact]
    public void Finish_IdlessCopiesOfOneAgent_CountsTheLongestCopy()
    {
        var collector = new SessionCallCollector();
        collector.Add("parent", "sub", null, Call);
        collector.Add("sub-file", "sub", null, Call);
        collector.Add("sub-file", "sub", null, Call);

        Assert.Equal(2, collector.Finish().Count);
    }

    [Fact]
    public void Finish_IdlessCallsOfDifferentAgents_CountsAll()
    {
        var collector = new SessionCallCollector();
        collector.Add("parent", string.Empty, null, Call);
        collector.Add("parent", "sub", null, Call);

        Assert.Equal(2, collector.Finish().Count);
    }
}
