using CsCheck;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// CsCheck generators for the property-based tests: every value of a type, with the extremes and the
/// small everyday values drawn often enough to be tried on every run.
/// </summary>
internal static class AnyValue
{
    /// <summary>How many samples each property tries.</summary>
    public const long Iterations = 10_000;

    public static readonly Gen<long> Long = Gen.Frequency(
        (4, Gen.Long),
        (3, Gen.Long[-100, 100_000]),
        (2, Gen.OneOfConst(long.MinValue, long.MinValue + 1, long.MaxValue - 1, long.MaxValue, -1L, 0L, 1L, 60L)));

    public static readonly Gen<ulong> ULong = Gen.Frequency(
        (4, Gen.ULong),
        (3, Gen.ULong[0, 10_000_000]),
        (2, Gen.OneOfConst(0UL, 1UL, ulong.MaxValue - 1, ulong.MaxValue)));

    /// <summary>Any tier, the values outside the enumeration included.</summary>
    public static readonly Gen<PricingTier> Tier = Gen.Frequency(
        (3, Gen.OneOfConst(PricingTier.Budget, PricingTier.Standard, PricingTier.Premium)),
        (1, Gen.Int.Select(static value => (PricingTier)value)));

    public static readonly Gen<string?> Role = Gen.Frequency<string?>(
        (3, Gen.String),
        (1, Gen.OneOfConst<string?>(null, string.Empty, "architect", "SECURITY lead", "developer")));

    public static readonly Gen<decimal> Usd = Gen.Frequency(
        (3, Gen.Decimal),
        (1, Gen.OneOfConst(decimal.MinValue, decimal.MaxValue, 0m, 0.0091m)));

    public static readonly Gen<CostEstimate> Estimate =
        Gen.Select(ULong, ULong, ULong, ULong, Usd, Tier)
            .Select(static (input, output, duration, workers, usd, tier) => new CostEstimate(input, output, duration, workers, usd, tier));
}
