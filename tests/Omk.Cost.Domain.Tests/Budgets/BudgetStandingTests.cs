using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class BudgetStandingTests
{
    [Theory]
    [InlineData(6, 3, 1, true)]
    [InlineData(6, 3, 1.0001, false)]
    [InlineData(0, 0, 10, true)]
    [InlineData(10, 0, 0, true)]
    public void Admits_SpentPlusReservedPlusAmount_AtMostTheLimit(decimal spent, decimal reserved, decimal amount, bool admitted)
    {
        Assert.Equal(admitted, Standing(10m, spent, reserved).Admits(amount));
    }

    [Fact]
    public void Admits_HugeFigures_SaturateInsteadOfOverflowing()
    {
        Assert.False(Standing(decimal.MaxValue, decimal.MaxValue, decimal.MaxValue).Admits(decimal.MaxValue));
    }

    [Fact]
    public void Exceeded_SpendFarOverAZeroLimitWithHugeReservations_DoesNotOverflow()
    {
        var standing = Standing(0m, decimal.MaxValue, decimal.MaxValue);

        Assert.Equal((true, 0m), (standing.Exceeded, standing.RemainingUsd));
    }

    [Fact]
    public void Figures_SpentAndReserved_GiveRemainingAndPercent()
    {
        var standing = Standing(10m, 6m, 2.5m);

        Assert.Equal((8.5m, 1.5m, 85m, false), (standing.CommittedUsd, standing.RemainingUsd, standing.UsedPercent, standing.Exceeded));
    }

    [Fact]
    public void Figures_OverTheLimit_RemainingIsZeroAndExceeded()
    {
        var standing = Standing(10m, 11m, 0m);

        Assert.Equal((0m, 110m, true), (standing.RemainingUsd, standing.UsedPercent, standing.Exceeded));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.01, 100)]
    public void UsedPercent_ZeroLimit_IsZeroOrAHundred(decimal spent, decimal percent)
    {
        Assert.Equal(percent, Standing(0m, spent, 0m).UsedPercent);
    }

    [Fact]
    public void UsedPercent_TinyLimitHugeSpend_Saturates()
    {
        Assert.Equal(decimal.MaxValue, Standing(0.0000001m, decimal.MaxValue, 0m).UsedPercent);
    }

    [Theory]
    [InlineData(80, 8, false)]
    [InlineData(80, 8.01, true)]
    public void Warns_PastTheWarningShare_Only(decimal warnAt, decimal committed, bool warns)
    {
        var standing = Standing(10m, committed, 0m) with { Policy = new BudgetPolicy { Name = "b", LimitUsd = 10m, WarnAtPercent = warnAt } };

        Assert.Equal(warns, standing.Warns);
    }

    [Fact]
    public void Warns_NoWarningShare_Never()
    {
        Assert.False(Standing(10m, 20m, 0m).Warns);
    }

    private static BudgetStanding Standing(decimal limit, decimal spent, decimal reserved) =>
        new(new BudgetPolicy { Name = "b", LimitUsd = limit }, BudgetPeriod.AllTime, spent, reserved);

    [Fact]
    public void Exceeded_SpentExactlyTheLimit_IsNotExceeded()
    {
        Assert.False(Standing(10m, 7m, 3m).Exceeded);
        Assert.True(Standing(10m, 7m, 3.01m).Exceeded);
    }
}
