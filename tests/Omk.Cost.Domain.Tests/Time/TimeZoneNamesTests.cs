using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain.Tests.Time;

public sealed class TimeZoneNamesTests
{
    private static readonly TimeZoneInfo Local = TimeZoneInfo.CreateCustomTimeZone("Test/Local", TimeSpan.FromHours(3), "Test/Local", "Test/Local");

    [Theory]
    [InlineData("UTC")]
    [InlineData(" utc ")]
    [InlineData("Z")]
    [InlineData("z")]
    public void TryFind_UtcSpellings_AreTheUtcZone(string name)
    {
        Assert.True(TimeZoneNames.TryFind(name, Local, out var zone));
        Assert.Same(TimeZoneInfo.Utc, zone);
    }

    [Theory]
    [InlineData("local")]
    [InlineData(" LOCAL")]
    [InlineData("Test/Local")]
    public void TryFind_LocalOrTheLocalZonesId_IsTheLocalZoneGiven(string name)
    {
        Assert.True(TimeZoneNames.TryFind(name, Local, out var zone));
        Assert.Same(Local, zone);
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("  Asia/Shanghai\t")]
    public void TryFind_AnIanaName_IsThatZone(string name)
    {
        Assert.True(TimeZoneNames.TryFind(name, Local, out var zone));
        Assert.Equal(TimeSpan.FromHours(8), zone.BaseUtcOffset);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../etc/passwd")]
    public void TryFind_NoZone_IsFalse(string name)
    {
        Assert.False(TimeZoneNames.TryFind(name, Local, out var zone));
        Assert.Null(zone);
    }

    [Theory]
    [InlineData("Z")]
    [InlineData(" Asia/Shanghai ")]
    [InlineData("local")]
    public void BudgetZone_AcceptsEverySpellingTheCommandLineAccepts(string name)
    {
        // A budget's stored zone and a typed --tz follow one rule: a spelling the one accepts, the other does too.
        Assert.True(TimeZoneNames.TryFind(name, TimeZoneInfo.Local, out var typed));
        var policy = new BudgetPolicy { Name = "daily", LimitUsd = 1m, TimeZoneId = name };

        Assert.Equal(typed.Id, TimeZones.Find(policy).Id);
    }
}
