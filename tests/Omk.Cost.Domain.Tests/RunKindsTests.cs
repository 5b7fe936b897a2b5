namespace Omk.Cost.Domain.Tests;

public sealed class RunKindsTests
{
    [Theory]
    [InlineData("team", "Team")]
    [InlineData(" Team ", "Team")]
    [InlineData("AUTOPILOT", "Autopilot")]
    [InlineData("ralph\n", "Ralph")]
    [InlineData("custom", "Custom")]
    [InlineData("kimi", "Custom")]
    [InlineData("", "Custom")]
    [InlineData(null, "Custom")]
    public void Of_NamesTheKindInAnyCase(string? sessionType, string expected)
    {
        Assert.Equal(expected, RunKinds.Of(sessionType).ToString());
    }

    [Theory]
    [InlineData(" Ralph ", "ralph")]
    [InlineData("CUSTOM", "custom")]
    [InlineData("kimi", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Word_TypedKind_IsItsWordInAnyCase(string? text, string? expected)
    {
        Assert.Equal(expected, RunKinds.Word(text));
    }

    [Fact]
    public void Words_EachNamedKind_IsTheKindItsWordNames()
    {
        Assert.Equal(["Team", "Autopilot", "Ralph", "Custom"], RunKinds.Words.Select(static word => RunKinds.Of(word).ToString()));
    }

    [Fact]
    public void Estimate_EachKind_UsesItsOwnRuleAndOnlyItsOwnFields()
    {
        var size = new RunSize { DurationSecs = 1800, Workers = 3, Iterations = 2, Phases = 4, Stories = 5, Role = "security", Tier = PricingTier.Budget };

        Assert.Equal(CostEstimator.EstimateTeam(1800, 3, "security"), RunKinds.Estimate(RunKind.Team, size));
        Assert.Equal(CostEstimator.EstimateAutopilot(1800, 4), RunKinds.Estimate(RunKind.Autopilot, size));
        Assert.Equal(CostEstimator.EstimateRalph(1800, 2, 5), RunKinds.Estimate(RunKind.Ralph, size));
        Assert.Equal(CostEstimator.Estimate(1800, 3, 2, PricingTier.Budget), RunKinds.Estimate(RunKind.Custom, size));
    }
}
