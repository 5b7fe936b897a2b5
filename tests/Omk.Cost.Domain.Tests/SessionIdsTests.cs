namespace Omk.Cost.Domain.Tests;

public sealed class SessionIdsTests
{
    [Fact]
    public void ContentId_ASession_IsTheSameIdInEveryVersionOfOmk()
    {
        // Ids are stored in the team store: the content id of a session must never change from one version to the next.
        Assert.Equal(Pinned, new SessionIds("build-01").ContentId(TestSessions.Create()));
    }

    [Fact]
    public void ContentId_SameContentTwice_GivesTwoIdsThatANewInstanceGivesAgain()
    {
        var ids = new SessionIds("build-01");
        var first = ids.ContentId(TestSessions.Create());
        var second = ids.ContentId(TestSessions.Create());

        var again = new SessionIds("build-01");
        Assert.NotEqual(first, second);
        Assert.Equal([first, second], [again.ContentId(TestSessions.Create()), again.ContentId(TestSessions.Create())]);
    }

    [Fact]
    public void ContentId_AnotherMachine_GivesAnotherId()
    {
        Assert.NotEqual(new SessionIds("build-01").ContentId(TestSessions.Create()), new SessionIds("build-02").ContentId(TestSessions.Create()));
    }

    [Fact]
    public void ContentId_NoEndOrNoActualCost_DiffersFromAnEndOrACostOfZero()
    {
        var session = TestSessions.Create();
        var ended = new SessionIds("m").ContentId(session with { EndedAt = null });
        var zeroEnd = new SessionIds("m").ContentId(session with { EndedAt = DateTimeOffset.MinValue });
        var unknownCost = new SessionIds("m").ContentId(session with { ActualUsd = null });
        var zeroCost = new SessionIds("m").ContentId(session with { ActualUsd = 0m });

        Assert.NotEqual(ended, zeroEnd);
        Assert.NotEqual(unknownCost, zeroCost);
    }

    [Fact]
    public void ContentId_Always_IsAVersion8GuidOfTheRfc4122Variant()
    {
        var ids = new SessionIds("m");
        for (var index = 0; index < 50; index++)
        {
            var id = Guid.Parse(ids.ContentId(TestSessions.Create(name: $"s{index}")));

            Assert.Equal(8, id.Version);
            Assert.Contains(id.ToString()[19], "89ab");
        }
    }

    [Fact]
    public void Constructor_BlankMachine_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new SessionIds(" "));
        Assert.Throws<ArgumentNullException>(() => new SessionIds("m").ContentId(null!));
    }

    [Fact]
    public void NewRecordId_TwoCalls_AreDistinctVersion7Guids()
    {
        var first = Guid.Parse(SessionIds.NewRecordId());

        Assert.Equal(7, first.Version);
        Assert.NotEqual(first, Guid.Parse(SessionIds.NewRecordId()));
    }

    private const string Pinned = "67c666e8-271d-8b6e-9d5c-853676680e8c";
}
