using Omk.Cost.Adapters.Kimi.Counting;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Counting;

public sealed class SessionCallCollectorTests
{
    private static readonly UsageCall Call = new(DateTimeOffset.UnixEpoch, "m", new TokenUsage(1, 0, 0, 0));

    [Fact]
    public void Collect_SameMessageIdInTwoFiles_CountsItOnce()
    {
        var parent = File("parent", (MessageIdHash.Of("id-1"u8), true, "sub"));
        var sub = File("sub", (MessageIdHash.Of("id-1"u8), true, "sub"), (MessageIdHash.Of("id-2"u8), true, "sub"));

        Assert.Equal([MessageIdHash.Of("id-1"u8), MessageIdHash.Of("id-2"u8)], SessionCallCollector.Collect([parent, sub]).Keys);
    }

    [Fact]
    public void Collect_NextSessionOnTheSameThread_StartsWithNoKeys()
    {
        SessionCallCollector.Collect([File("a", (MessageIdHash.Of("id-1"u8), true, string.Empty))]);

        Assert.Single(SessionCallCollector.Collect([File("b", (MessageIdHash.Of("id-1"u8), true, string.Empty))]).Calls);
    }

    [Fact]
    public void Collect_IdlessCopiesOfOneAgent_KeepsOnlyTheLongestCopy()
    {
        var parent = File("parent", (new UInt128(0, 1), false, "sub"));
        var sub = File("sub", (new UInt128(0, 2), false, "sub"), (new UInt128(0, 3), false, "sub"));

        var (_, keys) = SessionCallCollector.Collect([parent, sub]);

        Assert.Equal([new UInt128(0, 2), new UInt128(0, 3)], keys);
    }

    [Fact]
    public void Collect_OneFileWithMessageIds_SharesItsArrays()
    {
        var file = File("main", (new UInt128(0, 1), true, string.Empty));

        Assert.Same(file.Calls, SessionCallCollector.Collect([file]).Calls);
    }

    [Fact]
    public void Collect_IdlessCallsOfDifferentAgents_KeepsAll()
    {
        var parent = File("parent", (new UInt128(0, 1), false, string.Empty), (new UInt128(0, 2), false, "sub"));

        Assert.Equal(2, SessionCallCollector.Collect([parent]).Calls.Length);
    }

    private static WireFileCalls File(string path, params (UInt128 Key, bool ById, string Agent)[] calls)
    {
        return new WireFileCalls(path, string.Empty)
        {
            Calls = [.. calls.Select(static _ => Call)],
            Keys = [.. calls.Select(static c => c.Key)],
            IdlessAgents = calls.All(static c => c.ById) ? null : [.. calls.Select(static c => c.ById ? null : c.Agent)],
        };
    }
}
