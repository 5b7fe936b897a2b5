using Omk.Cost.Adapters.Kimi.Logs;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Logs;

public sealed class SessionCallCollectorTests
{
    private static readonly UsageCall Call = new(DateTimeOffset.UnixEpoch, "m", new TokenUsage(1, 0, 0, 0));

    [Fact]
    public void Collect_SameMessageIdInTwoFiles_KeepsBothForTheCountToMatch()
    {
        var parent = File("parent", (MessageIdHash.Of("id-1"u8), true, "sub"));
        var sub = File("sub", (MessageIdHash.Of("id-1"u8), true, "sub"));

        Assert.Equal(2, SessionCallCollector.Collect([sub, parent]).Count);
    }

    [Fact]
    public void Collect_IdlessCopiesOfOneAgent_KeepsOnlyTheLongestCopy()
    {
        var parent = File("parent", (new UInt128(0, 1), false, "sub"));
        var sub = File("sub", (new UInt128(0, 2), false, "sub"), (new UInt128(0, 3), false, "sub"));

        var calls = SessionCallCollector.Collect([parent, sub]);

        Assert.Equal([new UInt128(0, 2), new UInt128(0, 3)], calls.Select(static c => c.Key));
    }

    [Fact]
    public void Collect_IdlessCallsOfDifferentAgents_KeepsAll()
    {
        var parent = File("parent", (new UInt128(0, 1), false, string.Empty), (new UInt128(0, 2), false, "sub"));

        Assert.Equal(2, SessionCallCollector.Collect([parent]).Count);
    }

    private static WireFileCalls File(string path, params (UInt128 Key, bool ById, string Agent)[] calls)
    {
        var file = new WireFileCalls(path, string.Empty);
        foreach (var (key, byId, agent) in calls)
        {
            file.Calls.Add(new KeyedCall(key, byId, agent, Call));
        }

        return file;
    }
}
