using CsCheck;

namespace Omk.Cost.Domain.Tests;

public sealed class CostEstimatorTests
{
    // The reference figures of docs/design.md ("The estimator's reference figures").

    [Fact]
    public void Estimate_OneMinuteTwoWorkersOneIteration_Gives1950InputAnd650OutputTokens()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard);

        Assert.Equal((1950UL, 650UL, 2600UL), (estimate.InputTokens, estimate.OutputTokens, estimate.TotalTokens));
    }

    [Fact]
    public void Estimate_OneMinuteTwoWorkersOneIteration_CostsExactly0Point0091Dollars()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard);

        Assert.Equal(0.0091m, estimate.EstimatedUsd);
    }

    [Fact]
    public void Estimate_Always_KeepsDurationWorkersAndTier()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Premium);

        Assert.Equal((60UL, 2UL, PricingTier.Premium), (estimate.DurationSecs, estimate.WorkerCount, estimate.Tier));
    }

    [Fact]
    public void Estimate_ZeroDuration_GivesTheMinimumOf375InputAnd125OutputTokens()
    {
        var estimate = CostEstimator.Estimate(0, 2, 1, PricingTier.Standard);

        Assert.Equal((375UL, 125UL), (estimate.InputTokens, estimate.OutputTokens));
    }

    [Fact]
    public void Estimate_ZeroWorkers_GivesTheMinimumOf500Tokens()
    {
        var estimate = CostEstimator.Estimate(3600, 0, 0, PricingTier.Standard);

        Assert.Equal(500UL, estimate.TotalTokens);
    }

    [Fact]
    public void Estimate_NoIterations_CountsOneThousandTokensPerWorkerMinute()
    {
        var estimate = CostEstimator.Estimate(600, 3, 0, PricingTier.Standard);

        Assert.Equal(30_000UL, estimate.TotalTokens);
    }

    [Fact]
    public void Estimate_NegativeInputs_CountAsZero()
    {
        var negative = CostEstimator.Estimate(-60, -2, -1, PricingTier.Standard);

        Assert.Equal(CostEstimator.Estimate(0, 0, 0, PricingTier.Standard), negative);
    }

    [Fact]
    public void Estimate_UndefinedTier_IsPricedAsStandard()
    {
        var estimate = CostEstimator.Estimate(60, 2, 1, (PricingTier)42);

        Assert.Equal(0.0091m, estimate.EstimatedUsd);
    }

    [Fact]
    public void Estimate_LargestInputs_SaturatesTheTokenCounts()
    {
        var estimate = CostEstimator.Estimate(long.MaxValue, long.MaxValue, long.MaxValue, PricingTier.Premium);

        Assert.Equal((ulong.MaxValue, ulong.MaxValue), (estimate.InputTokens, estimate.OutputTokens));
    }

    // Exact token counts.

    [Fact]
    public void FromExactTokens_HalfAMillionEachAtPremium_CostsExactly15Dollars()
    {
        var estimate = CostEstimator.FromExactTokens(500_000, 500_000, PricingTier.Premium);

        Assert.Equal(15m, estimate.EstimatedUsd);
    }

    [Fact]
    public void FromExactTokens_OneMillionInputAtStandard_CostsExactly2Dollars()
    {
        var estimate = CostEstimator.FromExactTokens(1_000_000, 0, PricingTier.Standard);

        Assert.Equal(2m, estimate.EstimatedUsd);
    }

    [Fact]
    public void FromExactTokens_OneMillionOutputAtStandard_CostsExactly8Dollars()
    {
        var estimate = CostEstimator.FromExactTokens(0, 1_000_000, PricingTier.Standard);

        Assert.Equal(8m, estimate.EstimatedUsd);
    }

    [Fact]
    public void FromExactTokens_Always_UsesZeroDurationAndOneWorker()
    {
        var estimate = CostEstimator.FromExactTokens(1234, 567, PricingTier.Budget);

        Assert.Equal((1234UL, 567UL, 0UL, 1UL, PricingTier.Budget), (estimate.InputTokens, estimate.OutputTokens, estimate.DurationSecs, estimate.WorkerCount, estimate.Tier));
    }

    [Fact]
    public void FromExactTokens_NoTokens_CostsNothing()
    {
        var estimate = CostEstimator.FromExactTokens(0, 0, PricingTier.Premium);

        Assert.Equal(0m, estimate.EstimatedUsd);
    }

    [Fact]
    public void FromExactTokens_LargestCounts_IsExact()
    {
        var estimate = CostEstimator.FromExactTokens(ulong.MaxValue, ulong.MaxValue, PricingTier.Premium);

        Assert.Equal((decimal)ulong.MaxValue * 30m / 1_000_000m, estimate.EstimatedUsd);
    }

    [Theory]
    [InlineData(PricingTier.Budget, 2)]
    [InlineData(PricingTier.Standard, 8)]
    [InlineData(PricingTier.Premium, 24)]
    public void FromExactTokens_OneMillionOutput_CostsTheTierRate(PricingTier tier, int dollars)
    {
        var estimate = CostEstimator.FromExactTokens(0, 1_000_000, tier);

        Assert.Equal(dollars, estimate.EstimatedUsd);
    }

    [Theory]
    [InlineData(PricingTier.Budget, 0.5)]
    [InlineData(PricingTier.Standard, 2)]
    [InlineData(PricingTier.Premium, 6)]
    public void FromExactTokens_OneMillionInput_CostsAQuarterOfTheTierRate(PricingTier tier, double dollars)
    {
        var estimate = CostEstimator.FromExactTokens(1_000_000, 0, tier);

        Assert.Equal((decimal)dollars, estimate.EstimatedUsd);
    }

    [Fact]
    public void FromExactTokens_UndefinedTier_IsPricedAsStandard()
    {
        var estimate = CostEstimator.FromExactTokens(0, 1_000_000, (PricingTier)42);

        Assert.Equal(8m, estimate.EstimatedUsd);
    }

    // Team, autopilot and ralph.

    [Theory]
    [InlineData("architect")]
    [InlineData("Lead ARCHITECT")]
    [InlineData("security")]
    [InlineData("Security-Reviewer")]
    public void TierForRole_ArchitectOrSecurityInAnyCase_IsPremium(string role)
    {
        var tier = CostEstimator.TierForRole(role);

        Assert.Equal(PricingTier.Premium, tier);
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("tester")]
    [InlineData("")]
    [InlineData(null)]
    public void TierForRole_AnyOtherRole_IsStandard(string? role)
    {
        var tier = CostEstimator.TierForRole(role);

        Assert.Equal(PricingTier.Standard, tier);
    }

    [Fact]
    public void EstimateTeam_ArchitectRole_IsOneIterationAtPremium()
    {
        var estimate = CostEstimator.EstimateTeam(60, 2, "Architect");

        Assert.Equal(CostEstimator.Estimate(60, 2, 1, PricingTier.Premium), estimate);
    }

    [Fact]
    public void EstimateTeam_OtherRole_IsOneIterationAtStandard()
    {
        var estimate = CostEstimator.EstimateTeam(60, 2, "developer");

        Assert.Equal(CostEstimator.Estimate(60, 2, 1, PricingTier.Standard), estimate);
    }

    [Fact]
    public void EstimateTeam_TheReferenceExample_Costs0Point0091Dollars()
    {
        var estimate = CostEstimator.EstimateTeam(60, 2, null);

        Assert.Equal(0.0091m, estimate.EstimatedUsd);
    }

    [Fact]
    public void EstimateAutopilot_Always_IsOneWorkerWithOneIterationPerPhaseAtStandard()
    {
        var estimate = CostEstimator.EstimateAutopilot(120, 3);

        Assert.Equal(CostEstimator.Estimate(120, 1, 3, PricingTier.Standard), estimate);
    }

    [Fact]
    public void EstimateRalph_Always_IsOneWorkerWithIterationsPlusStoriesAtStandard()
    {
        var estimate = CostEstimator.EstimateRalph(60, 2, 3);

        Assert.Equal(CostEstimator.Estimate(60, 1, 5, PricingTier.Standard), estimate);
    }

    [Fact]
    public void EstimateRalph_IterationsPlusStoriesOverflow_Saturates()
    {
        var estimate = CostEstimator.EstimateRalph(60, long.MaxValue, long.MaxValue);

        Assert.Equal(CostEstimator.Estimate(60, 1, long.MaxValue, PricingTier.Standard), estimate);
    }

    [Fact]
    public void EstimateRalph_NegativeStories_CountAsZero()
    {
        var estimate = CostEstimator.EstimateRalph(60, 2, -5);

        Assert.Equal(CostEstimator.Estimate(60, 1, 2, PricingTier.Standard), estimate);
    }

    // Properties: for any input, extremes included.

    [Fact]
    public void Estimate_AnyInput_NeverThrowsAndIsNonNegativeWithAtLeast500Tokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Long, AnyValue.Tier).Sample(
            static (duration, workers, iterations, tier) =>
            {
                var estimate = CostEstimator.Estimate(duration, workers, iterations, tier);
                return estimate.EstimatedUsd >= 0m && estimate.TotalTokens >= 500;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void EstimateTeam_AnyInput_NeverThrowsAndIsNonNegativeWithAtLeast500Tokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Role).Sample(
            static (duration, workers, role) =>
            {
                var estimate = CostEstimator.EstimateTeam(duration, workers, role);
                return estimate.EstimatedUsd >= 0m && estimate.TotalTokens >= 500;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void EstimateAutopilot_AnyInput_NeverThrowsAndIsNonNegativeWithAtLeast500Tokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long).Sample(
            static (duration, phases) =>
            {
                var estimate = CostEstimator.EstimateAutopilot(duration, phases);
                return estimate.EstimatedUsd >= 0m && estimate.TotalTokens >= 500 && estimate.WorkerCount == 1;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void EstimateRalph_AnyInput_NeverThrowsAndIsNonNegativeWithAtLeast500Tokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Long).Sample(
            static (duration, iterations, stories) =>
            {
                var estimate = CostEstimator.EstimateRalph(duration, iterations, stories);
                return estimate.EstimatedUsd >= 0m && estimate.TotalTokens >= 500 && estimate.WorkerCount == 1;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void FromExactTokens_AnyCounts_NeverThrowsAndKeepsTheCounts() =>
        Gen.Select(AnyValue.ULong, AnyValue.ULong, AnyValue.Tier).Sample(
            static (input, output, tier) =>
            {
                var estimate = CostEstimator.FromExactTokens(input, output, tier);
                return estimate.InputTokens == input && estimate.OutputTokens == output && estimate.EstimatedUsd >= 0m;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void FromExactTokens_AnyCounts_IsTheFormulaComputedExactly() =>
        Gen.Select(AnyValue.ULong, AnyValue.ULong, AnyValue.Tier).Sample(
            static (input, output, tier) =>
            {
                var rate = tier.DollarsPerMillionOutputTokens();
                var expected = ((decimal)input / 1_000_000m * rate / 4m) + ((decimal)output / 1_000_000m * rate);
                return CostEstimator.FromExactTokens(input, output, tier).EstimatedUsd == expected;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void Estimate_AnyInput_BudgetCostsLessThanStandardWhichCostsLessThanPremium() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Long).Sample(
            static (duration, workers, iterations) =>
            {
                var budget = CostEstimator.Estimate(duration, workers, iterations, PricingTier.Budget).EstimatedUsd;
                var standard = CostEstimator.Estimate(duration, workers, iterations, PricingTier.Standard).EstimatedUsd;
                var premium = CostEstimator.Estimate(duration, workers, iterations, PricingTier.Premium).EstimatedUsd;
                return budget < standard && standard < premium;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void Estimate_MoreDuration_NeverGivesFewerTokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Long, AnyValue.Long).Sample(
            static (first, second, workers, iterations) =>
            {
                var (shorter, longer) = first <= second ? (first, second) : (second, first);
                var few = CostEstimator.Estimate(shorter, workers, iterations, PricingTier.Standard);
                var many = CostEstimator.Estimate(longer, workers, iterations, PricingTier.Standard);
                return few.InputTokens <= many.InputTokens && few.OutputTokens <= many.OutputTokens;
            },
            iter: AnyValue.Iterations);

    [Fact]
    public void Estimate_MoreWorkers_NeverGivesFewerTokens() =>
        Gen.Select(AnyValue.Long, AnyValue.Long, AnyValue.Long, AnyValue.Long).Sample(
            static (duration, first, second, iterations) =>
            {
                var (fewer, more) = first <= second ? (first, second) : (second, first);
                var few = CostEstimator.Estimate(duration, fewer, iterations, PricingTier.Standard);
                var many = CostEstimator.Estimate(duration, more, iterations, PricingTier.Standard);
                return few.TotalTokens <= many.TotalTokens;
            },
            iter: AnyValue.Iterations);
}
