using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// Servers that repeat message ids (Ollama's OpenAI-compatible <c>/v1</c> draws <c>chatcmpl-&lt;N&gt;</c> with N below
/// 1000; gateways rewrite ids): every call they answer is counted, and copies (subagent echoes, forks) still once.
/// </summary>
public sealed class RepeatedMessageIdTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Folder = KimiTree.Md5("/work/alpha");

    [Fact]
    public void Read_TwoCallsOfOneSessionWithTheSameId_CountsBoth()
    {
        var tree = Tree();
        var t0 = Wire.Seconds(T0);
        tree.CliSession(Folder, "s1", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t0 + 1, 100, 10, 0, 0, "chatcmpl-7"),
            Wire.Status(t0 + 2, 200, 20, 0, 0, "chatcmpl-3"),
            Wire.Status(t0 + 3, 10283, 691, 0, 0, "chatcmpl-7")));

        var session = Assert.Single(Read(tree).Sessions);

        Assert.Equal(new TokenUsage(10583, 0, 0, 721), Sum(session));
    }

    [Fact]
    public void Read_UnrelatedSessionsWhoseFirstCallsShareAnId_EachKeepsItsCall()
    {
        var tree = Tree();
        var t0 = Wire.Seconds(T0);
        tree.CliSession(Folder, "s1", Wire.Lines(Wire.Metadata, Wire.Status(t0 + 1, 100, 10, 0, 0, "chatcmpl-1")));
        tree.CliSession(Folder, "s2", Wire.Lines(Wire.Metadata, Wire.Status(t0 + 60, 300, 30, 0, 0, "chatcmpl-1")));

        var sessions = Read(tree).Sessions;

        Assert.Equal([(100UL, (string?)null), (300UL, null)], sessions.Select(s => (Sum(s).InputOther, s.ForkedFrom)).Order());
    }

    [Fact]
    public void Read_SubagentCallsWithRepeatedIds_CountsEachOnceWithItsOccurrence()
    {
        var tree = Tree();
        var t0 = Wire.Seconds(T0);

        // The main agent and the subagent both get chatcmpl-5 from the server; the subagent gets it twice.
        tree.CliSession(Folder, "s1", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t0 + 1, 1, 1, 0, 0, "chatcmpl-5"),
            Wire.Subagent(t0 + 3, "a1b2c3", Wire.StatusEvent(20, 2, 0, 0, "chatcmpl-5")),
            Wire.Subagent(t0 + 5, "a1b2c3", Wire.StatusEvent(300, 3, 0, 0, "chatcmpl-5"))));
        tree.CliSubagent(Folder, "s1", "a1b2c3", Wire.Lines(
            Wire.Metadata,
            Wire.Status(t0 + 2.9m, 20, 2, 0, 0, "chatcmpl-5"),
            Wire.Status(t0 + 4.9m, 300, 3, 0, 0, "chatcmpl-5"),
            Wire.Status(t0 + 6.9m, 4000, 4, 0, 0, "chatcmpl-5")));

        var session = Assert.Single(Read(tree).Sessions);

        Assert.Equal(new TokenUsage(4321, 0, 0, 10), Sum(session));
    }

    [Fact]
    public void Read_ForkWhoseOwnCallRepeatsAnIdOfItsSource_CountsCopiesOnceAndOwnCallsInEach()
    {
        var tree = Tree();
        var t0 = Wire.Seconds(T0);
        string[] copied = [Wire.Metadata, Wire.Status(t0 + 1, 1, 1, 0, 0, "chatcmpl-2"), Wire.Status(t0 + 2, 20, 2, 0, 0, "chatcmpl-2")];

        // After the fork, source and fork each make a call the server again names chatcmpl-2.
        tree.CliSession(Folder, "source", Wire.Lines([.. copied, Wire.Status(t0 + 10, 300, 3, 0, 0, "chatcmpl-2")]));
        tree.CliSession(Folder, "fork", Wire.Lines([.. copied, Wire.Status(t0 + 20, 4000, 4, 0, 0, "chatcmpl-2")]));
        tree.File($"{tree.CliSessionDir(Folder, "fork")}/state.json", """{"title": "Fork: Fix login", "archived": false}""");

        var sessions = Read(tree).Sessions;

        Assert.Equal(321UL, Sum(sessions.Single(s => s.SessionId == "source")).InputOther);
        var fork = sessions.Single(s => s.SessionId == "fork");
        Assert.Equal((4000UL, "source"), (Sum(fork).InputOther, fork.ForkedFrom));
    }

    private static KimiTree Tree() => KimiTree.WithDefaultModel("kimi-k2.6");

    private static KimiUsageResult Read(KimiTree tree) => new KimiUsageReader(tree.FileSystem, tree.Options).Read();

    private static TokenUsage Sum(SessionUsage session) => session.Calls.Aggregate(default(TokenUsage), static (sum, call) => sum + call.Usage);
}
