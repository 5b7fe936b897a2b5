namespace Omk.Cost.Domain.Tests;

public sealed class BudgetStatusTests
{
    [Fact]
    public void RemainingUsd_UnderTheLimit_IsTheDifference()
    {
        var status = new BudgetStatus(10m, 2.5m);

        Assert.Equal(7.5m, status.RemainingUsd);
    }

    [Fact]
    public void RemainingUsd_OverTheLimit_IsZeroNotNegative()
    {
        var status = new BudgetStatus(10m, 12m);

        Assert.Equal(0m, status.RemainingUsd);
    }

    [Fact]
    public void Exceeded_SpentEqualsLimit_IsFalse()
    {
        var status = new BudgetStatus(10m, 10m);

        Assert.False(status.Exceeded);
    }

    [Fact]
    public void Exceeded_SpentOverLimit_IsTrue()
    {
        var status = new BudgetStatus(10m, 10.0001m);

        Assert.True(status.Exceeded);
    }

    [Fact]
    public void Exceeded_SpentUnderLimit_IsFalse()
    {
        var status = new BudgetStatus(10m, 9.9999m);

        Assert.False(status.Exceeded);
    }
}
