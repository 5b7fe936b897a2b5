using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("utc")]
    public void Find_Utc_IsTheUtcZoneItself(string id)
    {
        Assert.Same(TimeZoneInfo.Utc, TimeZones.Find(Policy(id)));
    }

    [Fact]
    public void Find_TheLocalZonesId_IsTheLocalZoneItself()
    {
        Assert.Same(TimeZoneInfo.Local, TimeZones.Find(Policy(TimeZoneInfo.Local.Id)));
    }

    [Fact]
    public void Find_AnIanaName_IsThatZone()
    {
        Assert.Equal(TimeSpan.FromHours(8), TimeZones.Find(Policy("Asia/Shanghai")).BaseUtcOffset);
    }

    [Fact]
    public void Find_AZoneThisSystemDoesNotKnow_SaysSoAndHowToFixIt()
    {
        var exception = Assert.Throws<CostStoreException>(() => TimeZones.Find(Policy("Mars/Olympus_Mons")));

        Assert.Equal("budget \"monthly\" was set in the time zone \"Mars/Olympus_Mons\", which this system does not know; set the budget again with --tz", exception.Message);
    }

    private static BudgetPolicy Policy(string zone) => new() { Name = "monthly", LimitUsd = 1m, TimeZoneId = zone };
}
