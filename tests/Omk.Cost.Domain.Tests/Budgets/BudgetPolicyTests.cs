using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class BudgetPolicyTests
{
    [Theory]
    [InlineData(null, "team", true)]
    [InlineData(null, null, true)]
    [InlineData("team", "TEAM", true)]
    [InlineData("team", "ralph", false)]
    [InlineData("team", null, false)]
    public void Covers_ScopeAndType_MatchCaseInsensitively(string? scope, string? type, bool covered)
    {
        Assert.Equal(covered, new BudgetPolicy { Name = "b", LimitUsd = 1m, SessionType = scope }.Covers(type));
    }

    [Fact]
    public void Validate_GoodPolicy_DoesNotThrow()
    {
        new BudgetPolicy { Name = "monthly", LimitUsd = 0m, Period = BudgetPeriodKind.Month, WarnAtPercent = 100m, SessionType = "team" }.Validate();
    }

    public static TheoryData<BudgetPolicy> BadPolicies() => new()
    {
        new BudgetPolicy { Name = " ", LimitUsd = 1m },
        new BudgetPolicy { Name = "b", LimitUsd = -0.01m },
        new BudgetPolicy { Name = "b", LimitUsd = 1m, Period = (BudgetPeriodKind)7 },
        new BudgetPolicy { Name = "b", LimitUsd = 1m, SessionType = "" },
        new BudgetPolicy { Name = "b", LimitUsd = 1m, WarnAtPercent = 0m },
        new BudgetPolicy { Name = "b", LimitUsd = 1m, WarnAtPercent = 100.5m },
        new BudgetPolicy { Name = "b", LimitUsd = 1m, TimeZoneId = " " },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Validate_BadPolicy_Throws(BudgetPolicy policy)
    {
        Assert.Throws<ArgumentException>(policy.Validate);
    }

    [Theory]
    [InlineData(0, 12 * 60)]
    [InlineData(420, 12 * 60)]
    [InlineData(6 * 3600, 12 * 60)]
    [InlineData(8 * 3600, 16 * 60)]
    public void DefaultTimeToLive_TwiceTheDurationAtLeastTwelveHours(ulong seconds, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ReservationRequest.DefaultTimeToLive(seconds));
    }

    [Fact]
    public void DefaultTimeToLive_HugeDuration_DoesNotOverflow()
    {
        Assert.True(ReservationRequest.DefaultTimeToLive(ulong.MaxValue) > TimeSpan.FromDays(365));
    }

    [Theory]
    [InlineData(" ", 1, 0, null, null, "UTC", "A budget needs a name.")]
    [InlineData("b", -0.01, 0, null, null, "UTC", "The limit of budget \"b\" cannot be negative.")]
    [InlineData("b", 1, 7, null, null, "UTC", "The period of budget \"b\" must be total, day, week or month.")]
    [InlineData("b", 1, 0, "", null, "UTC", "The session type of budget \"b\" must not be blank.")]
    [InlineData("b", 1, 0, null, 0.0, "UTC", "The warning of budget \"b\" must be above 0 and at most 100 percent.")]
    [InlineData("b", 1, 0, null, null, " ", "Budget \"b\" needs a time zone.")]
    public void Validate_BadPolicy_SaysWhatIsWrongNamingTheBudget(string name, double limit, int period, string? type, double? warnAt, string zone, string message)
    {
        var policy = new BudgetPolicy
        {
            Name = name,
            LimitUsd = (decimal)limit,
            Period = (BudgetPeriodKind)period,
            SessionType = type,
            WarnAtPercent = warnAt is { } warn ? (decimal)warn : null,
            TimeZoneId = zone,
        };

        Assert.StartsWith(message, Assert.Throws<ArgumentException>(policy.Validate).Message, StringComparison.Ordinal);
    }
}
