using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Domain.Tests.Time;

public sealed class PeriodWordsTests
{
    [Fact]
    public void Of_EveryPeriod_ReadsBackAsThatPeriod()
    {
        foreach (var kind in Enum.GetValues<BudgetPeriodKind>())
        {
            Assert.True(PeriodWords.TryParse(PeriodWords.Of(kind), out var read));
            Assert.Equal(kind, read);
        }
    }

    [Theory]
    [InlineData("DAY")]
    [InlineData("Day")]
    public void TryParse_AnyCase_IsThePeriod(string text)
    {
        Assert.True(PeriodWords.TryParse(text, out var kind));
        Assert.Equal(BudgetPeriodKind.Day, kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("days")]
    [InlineData("today")]
    public void TryParse_NoPeriodsWord_IsFalse(string? text)
    {
        Assert.False(PeriodWords.TryParse(text, out _));
    }
}
