using Omk.Cost.Adapters.Kimi.Counting;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Counting;

public sealed class CallOwnershipTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_SessionsSharingOnlyALaterCall_AreNotCompared()
    {
        // No Kimi writer copies a log from anywhere but its first line, so only a shared first call makes a group.
        var sessions = CallOwnership.Resolve([Log("a", T0, ("x", 0), ("shared", 1)), Log("b", T0, ("y", 0), ("shared", 1))], static _ => 0);

        Assert.All(sessions, static s => Assert.Equal(2, s.Calls.Count));
    }

    [Fact]
    public void Resolve_CopiedCallsInAFork_CountOnlyInTheSource()
    {
        var source = Log("source", T0, ("a", 0), ("b", 1));
        var fork = Log("fork", T0, ("a", 0), ("b", 1), ("c", 5));

        var sessions = CallOwnership.Resolve([fork, source], static log => log.Job.SessionId == "fork" ? 1 : 0);

        Assert.Equal(2, sessions.Single(static s => s.SessionId == "source").Calls.Count);
        var forked = sessions.Single(static s => s.SessionId == "fork");
        Assert.Equal(T0.AddSeconds(5), Assert.Single(forked.Calls).Timestamp);
        Assert.Equal("source", forked.ForkedFrom);
        Assert.Equal(T0.AddSeconds(5), forked.StartedAt);
    }

    [Fact]
    public void Resolve_ForkThatMadeNoCall_IsKeptWithNoCallsStartingAtItsLastCopy()
    {
        var source = Log("source", T0, ("a", 0), ("b", 1));
        var fork = Log("fork", T0, ("a", 0), ("b", 1));

        var forked = CallOwnership.Resolve([source, fork], static log => log.Job.SessionId == "fork" ? 1 : 0).Single(static s => s.SessionId == "fork");

        Assert.Empty(forked.Calls);
        Assert.Equal("source", forked.ForkedFrom);
        Assert.Equal(T0.AddSeconds(1), forked.StartedAt);
    }

    [Fact]
    public void Resolve_ForkOfAFork_OwnCallsOfTheFirstForkStayInIt()
    {
        var source = Log("source", T0, ("a", 0));
        var fork = Log("fork", T0, ("a", 0), ("b", 3));
        var forkOfFork = Log("fork2", T0, ("a", 0), ("b", 3), ("c", 9));

        var sessions = CallOwnership.Resolve([forkOfFork, fork, source], static log => log.Job.SessionId == "source" ? 0 : log.Job.SessionId == "fork" ? 1 : 2);

        Assert.Equal(["a"], Keys(sessions, "source"));
        Assert.Equal(["b"], Keys(sessions, "fork"));
        Assert.Equal(["c"], Keys(sessions, "fork2"));
        Assert.Equal("fork", sessions.Single(static s => s.SessionId == "fork2").ForkedFrom);
    }

    [Fact]
    public void Resolve_EqualMarks_EarliestStartOwnsTheCall()
    {
        var early = Log("z-early", T0, ("a", 10));
        var late = Log("a-late", T0.AddSeconds(5), ("a", 10));

        var sessions = CallOwnership.Resolve([late, early], static _ => 0);

        Assert.Single(sessions.Single(static s => s.SessionId == "z-early").Calls);
        Assert.Empty(sessions.Single(static s => s.SessionId == "a-late").Calls);
    }

    [Fact]
    public void Resolve_NoSharedKeys_NeverAsksForForkMarks()
    {
        var asked = 0;

        CallOwnership.Resolve([Log("a", T0, ("x", 0)), Log("b", T0, ("y", 0))], _ => ++asked);

        Assert.Equal(0, asked);
    }

    [Fact]
    public void Resolve_CallsOutOfOrder_ReturnsThemByTime()
    {
        var session = Assert.Single(CallOwnership.Resolve([Log("s", T0, ("b", 2), ("a", 0))], static _ => 0));

        Assert.Equal(T0, session.Calls[0].Timestamp);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("Refactor", 0)]
    [InlineData("Fork: Refactor", 1)]
    [InlineData("Undo: Fork: Refactor", 2)]
    [InlineData("Fork: Fork: Undo: x", 3)]
    [InlineData("My Fork: x", 0)]
    public void ForkMarks_Title_CountsLeadingPrefixes(string? title, int expected)
    {
        Assert.Equal(expected, CallOwnership.ForkMarks(title));
    }

    private static string[] Keys(List<SessionUsage> sessions, string id) =>
        [.. sessions.Single(s => s.SessionId == id).Calls.Select(static c => c.Model)];

    /// <summary>A session whose calls are named by their key (also used as the model, to tell them apart).</summary>
    private static SessionLog Log(string id, DateTimeOffset first, params (string Key, int Second)[] calls)
    {
        var job = new SessionJob(WireFormat.KimiCli, "/s/" + id, id, null, "m", KimiModelConfig.Empty);
        UsageCall[] usage = [.. calls.Select(static c => new UsageCall(T0.AddSeconds(c.Second), c.Key, new TokenUsage(1, 2, 0, 3)))];
        UInt128[] keys = [.. calls.Select(static c => MessageIdHash.Of(System.Text.Encoding.UTF8.GetBytes(c.Key)))];
        return new SessionLog(job, usage, keys, first, usage.Max(static c => c.Timestamp));
    }
}
