namespace Omk.Cost.Domain.Tests;

public sealed class PricingTiersTests
{
    [Theory]
    [InlineData("kimi")]
    [InlineData("claude")]
    [InlineData("gpt-4")]
    [InlineData("KIMI")]
    public void FromModelHint_StandardModel_IsStandard(string hint)
    {
        var tier = PricingTiers.FromModelHint(hint);

        Assert.Equal(PricingTier.Standard, tier);
    }

    [Theory]
    [InlineData("codex")]
    [InlineData("gpt-4o")]
    [InlineData("GPT-4O")]
    [InlineData("Codex")]
    public void FromModelHint_PremiumModel_IsPremium(string hint)
    {
        var tier = PricingTiers.FromModelHint(hint);

        Assert.Equal(PricingTier.Premium, tier);
    }

    [Theory]
    [InlineData("gemini")]
    [InlineData("haiku")]
    [InlineData(" haiku ")]
    [InlineData("GEMINI")]
    public void FromModelHint_BudgetModel_IsBudget(string hint)
    {
        var tier = PricingTiers.FromModelHint(hint);

        Assert.Equal(PricingTier.Budget, tier);
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("claude-haiku")]
    [InlineData("my-codex-fork")]
    [InlineData("geminis")]
    [InlineData("llama")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void FromModelHint_AnythingButAWholeKnownWord_IsStandard(string? hint)
    {
        var tier = PricingTiers.FromModelHint(hint);

        Assert.Equal(PricingTier.Standard, tier);
    }

    [Theory]
    [InlineData(PricingTier.Budget, 2)]
    [InlineData(PricingTier.Standard, 8)]
    [InlineData(PricingTier.Premium, 24)]
    [InlineData((PricingTier)42, 8)]
    public void DollarsPerMillionOutputTokens_EachTier_IsItsRate(PricingTier tier, int dollars)
    {
        var rate = tier.DollarsPerMillionOutputTokens();

        Assert.Equal(dollars, rate);
    }

    [Theory]
    [InlineData(PricingTier.Budget, 0.5)]
    [InlineData(PricingTier.Standard, 2)]
    [InlineData(PricingTier.Premium, 6)]
    public void DollarsPerMillionInputTokens_EachTier_IsAQuarterOfTheOutputRate(PricingTier tier, double dollars)
    {
        var rate = tier.DollarsPerMillionInputTokens();

        Assert.Equal((decimal)dollars, rate);
    }

    [Theory]
    [InlineData("budget", PricingTier.Budget)]
    [InlineData("Standard", PricingTier.Standard)]
    [InlineData("PREMIUM", PricingTier.Premium)]
    [InlineData(" premium ", PricingTier.Premium)]
    public void TryParse_TierNameInAnyCase_ReturnsTheTier(string value, PricingTier expected)
    {
        var parsed = PricingTiers.TryParse(value, out var tier);

        Assert.Equal((true, expected), (parsed, tier));
    }

    [Theory]
    [InlineData("gold")]
    [InlineData("premiums")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_ReturnsFalseAndStandard(string? value)
    {
        var parsed = PricingTiers.TryParse(value, out var tier);

        Assert.Equal((false, PricingTier.Standard), (parsed, tier));
    }

    [Theory]
    [InlineData(PricingTier.Budget, "Budget")]
    [InlineData(PricingTier.Standard, "Standard")]
    [InlineData(PricingTier.Premium, "Premium")]
    [InlineData((PricingTier)42, "Standard")]
    public void Name_EachTier_IsTheStoredName(PricingTier tier, string expected)
    {
        var name = tier.Name();

        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(PricingTier.Budget)]
    [InlineData(PricingTier.Standard)]
    [InlineData(PricingTier.Premium)]
    public void TryParse_Name_RoundTrips(PricingTier tier)
    {
        PricingTiers.TryParse(tier.Name(), out var parsed);

        Assert.Equal(tier, parsed);
    }
}
