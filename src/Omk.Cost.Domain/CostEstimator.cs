namespace Omk.Cost.Domain;

/// <summary>
/// The heuristic cost estimator of omk: about 1000 tokens per minute per worker, three input tokens
/// for every output token, and at least 500 tokens a session.
/// </summary>
/// <remarks>
/// Every method is pure (no I/O, no clock, no randomness) and never throws: negative inputs count as zero,
/// counts saturate instead of overflowing, and the result is always finite.
/// </remarks>
public static class CostEstimator
{
    private const double TokensPerMinute = 1000d;
    private const double IterationFactor = 0.3d;
    private const double MinimumTokens = 500d;
    private const double InputShare = 0.75d;
    private const double OutputShare = 0.25d;

    /// <summary>
    /// Estimates a session from its duration, workers and iterations:
    /// total tokens = max(500, minutes × 1000 × workers × (1 + 0.3 × iterations)), three quarters of them input.
    /// </summary>
    /// <param name="durationSecs">The duration in seconds; a negative value counts as zero.</param>
    /// <param name="workerCount">The number of workers; a negative value counts as zero.</param>
    /// <param name="iterations">The number of iterations; a negative value counts as zero.</param>
    /// <param name="tier">The pricing tier.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate Estimate(long durationSecs, long workerCount, long iterations, PricingTier tier)
    {
        var duration = Saturating.NonNegative(durationSecs);
        var workers = Saturating.NonNegative(workerCount);
        var rounds = Saturating.NonNegative(iterations);

        // The same floating-point steps, in the same order, as the reference estimator, so that
        // token counts agree to the token; the money is then computed exactly in decimal.
        var activeMinutes = duration / 60d;
        var multiplier = 1d + (rounds * IterationFactor);
        var totalTokens = Math.Max(activeMinutes * TokensPerMinute * workers * multiplier, MinimumTokens);

        // Since .NET 9 a double converts to an integer saturating (NaN to zero), flooring a positive value.
        var input = (ulong)(totalTokens * InputShare);
        var output = (ulong)(totalTokens * OutputShare);
        return new CostEstimate(input, output, duration, workers, Price(input, output, tier), tier);
    }

    /// <summary>
    /// Estimates a team session: one iteration, Premium when the role mentions <c>architect</c> or
    /// <c>security</c> (in any case), Standard otherwise.
    /// </summary>
    /// <param name="durationSecs">The duration in seconds; a negative value counts as zero.</param>
    /// <param name="workerCount">The number of workers; a negative value counts as zero.</param>
    /// <param name="role">The team's role, or null.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate EstimateTeam(long durationSecs, long workerCount, string? role) =>
        Estimate(durationSecs, workerCount, 1, TierForRole(role));

    /// <summary>
    /// Estimates an autopilot session: one worker, one iteration per completed phase, Standard.
    /// </summary>
    /// <param name="durationSecs">The duration in seconds; a negative value counts as zero.</param>
    /// <param name="phasesCompleted">The phases completed; a negative value counts as zero.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate EstimateAutopilot(long durationSecs, long phasesCompleted) =>
        Estimate(durationSecs, 1, phasesCompleted, PricingTier.Standard);

    /// <summary>
    /// Estimates a ralph session: one worker, iterations plus total stories as the iterations, Standard.
    /// </summary>
    /// <param name="durationSecs">The duration in seconds; a negative value counts as zero.</param>
    /// <param name="iterations">The iterations run; a negative value counts as zero.</param>
    /// <param name="storiesTotal">The total user stories; a negative value counts as zero.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate EstimateRalph(long durationSecs, long iterations, long storiesTotal)
    {
        var rounds = Saturating.Add(Saturating.NonNegative(iterations), Saturating.NonNegative(storiesTotal));
        return Estimate(durationSecs, 1, rounds > long.MaxValue ? long.MaxValue : (long)rounds, PricingTier.Standard);
    }

    /// <summary>
    /// Prices exact token counts: duration 0, one worker, priced by the tier.
    /// </summary>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <param name="tier">The pricing tier.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate FromExactTokens(ulong inputTokens, ulong outputTokens, PricingTier tier) =>
        new(inputTokens, outputTokens, 0, 1, Price(inputTokens, outputTokens, tier), tier);

    /// <summary>
    /// Gets a value indicating whether an estimate from this duration has a size of its own: the estimator counts tokens
    /// a minute, multiplied by workers and iterations, so without a duration every run is the 500-token minimum
    /// whatever its workers, iterations, phases or stories.
    /// </summary>
    /// <param name="durationSecs">The duration in seconds.</param>
    /// <returns><see langword="true"/> when the duration is longer than zero.</returns>
    public static bool HasSize(long durationSecs) => durationSecs > 0;

    /// <summary>
    /// Gets a value indicating whether a team role matches the premium rule (it mentions <c>architect</c> or
    /// <c>security</c>); a role that does not is priced as Standard.
    /// </summary>
    /// <param name="role">The role, or null.</param>
    /// <returns><see langword="true"/> when the role names architect or security.</returns>
    public static bool RoleMatchesRule(string? role) => TierForRole(role) == PricingTier.Premium;

    /// <summary>
    /// Gets the tier of a team role: Premium when it mentions <c>architect</c> or <c>security</c>, else Standard.
    /// </summary>
    /// <param name="role">The role, or null.</param>
    /// <returns>The tier.</returns>
    public static PricingTier TierForRole(string? role) =>
        role is not null
        && (role.Contains("architect", StringComparison.OrdinalIgnoreCase) || role.Contains("security", StringComparison.OrdinalIgnoreCase))
            ? PricingTier.Premium
            : PricingTier.Standard;

    private static decimal Price(ulong inputTokens, ulong outputTokens, PricingTier tier)
    {
        // usd = input / 10^6 × rate / 4 + output / 10^6 × rate, in units of a quarter of a micro-dollar:
        // exact for every pair of 64-bit counts (at most about 2.2e21, far inside decimal's range).
        var rate = (uint)tier.DollarsPerMillionOutputTokens();
        var quarterMicros = ((UInt128)inputTokens * rate) + ((UInt128)outputTokens * rate * 4u);

        // quarterMicros / (4 × 10^6) = quarterMicros × 25 / 10^8: an exact decimal with eight places (below 2^77, inside
        // decimal's 96 bits), built directly because a decimal division costs more than the rest of the estimate.
        // Trailing zeros are dropped so that the scale is the one the division gives: 0.0091, not 0.00910000.
        var units = quarterMicros * 25u;
        byte scale = 8;
        if (units <= ulong.MaxValue)
        {
            var small = (ulong)units;
            while (scale > 0 && small % 10 == 0)
            {
                small /= 10;
                scale--;
            }

            return new decimal((int)(uint)small, (int)(uint)(small >> 32), 0, isNegative: false, scale);
        }

        while (scale > 0 && units % 10u == 0u)
        {
            units /= 10u;
            scale--;
        }

        return new decimal((int)(uint)units, (int)(uint)(units >> 32), (int)(uint)(units >> 64), isNegative: false, scale);
    }
}
