using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Domain.Tests.Usage;

public sealed class SessionUsageTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UsageAndMainModel_SeveralCalls_AddTheTokensAndPickTheBusiestModel()
    {
        var session = Session(Call("small", 10), Call("big", 100), Call("small", 50), Call("big", 5));

        Assert.Equal(new TokenUsage(165, 0, 0, 0), session.Usage);
        Assert.Equal("big", session.MainModel);
    }

    [Fact]
    public void MainModel_Tie_IsTheFirstToReachIt()
    {
        Assert.Equal("first", Session(Call("first", 10), Call("second", 10)).MainModel);
    }

    [Fact]
    public void UsageAndMainModel_NoCalls_AreZeroAndNone()
    {
        var session = Session();

        Assert.Equal(TokenUsage.Zero, session.Usage);
        Assert.Null(session.MainModel);
    }

    [Fact]
    public void Report_CallsOutOfOrder_OrdersTheSessionByItsEarliestCallAndCountsItOnce()
    {
        var prices = new PriceTable([new ModelPrice { Model = "m", CacheMissPerMillion = 1m, OutputPerMillion = 1m }]);
        var early = Session(Call("m", 1, Start.AddHours(2)), Call("m", 1, Start)) with { SessionId = "z-early" };
        var middle = Session(Call("m", 1, Start.AddHours(1))) with { SessionId = "a-middle" };

        var report = UsageReport.Create([middle, early], prices, new UsageQuery { GroupBy = UsageGrouping.Session });

        Assert.Equal(["z-early", "a-middle"], report.Groups.Select(group => group.Key));
        Assert.Equal(1, report.Groups[0].Summary.Sessions);
    }

    private static UsageCall Call(string model, ulong tokens, DateTimeOffset? at = null) => new(at ?? Start, model, new TokenUsage(tokens, 0, 0, 0));

    private static SessionUsage Session(params UsageCall[] calls) => new() { SessionId = "s", StartedAt = Start, EndedAt = Start, Calls = calls };
}
