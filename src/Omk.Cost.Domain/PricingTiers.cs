namespace Omk.Cost.Domain;

/// <summary>
/// Rates and model-hint rules of <see cref="PricingTier"/>.
/// </summary>
public static class PricingTiers
{
    private static readonly PricingTier[] Tiers = [PricingTier.Budget, PricingTier.Standard, PricingTier.Premium];

    private static readonly string[] KnownModelHints = ["kimi", "claude", "gpt-4", "codex", "gpt-4o", "gemini", "haiku"];

    /// <summary>Gets every tier, cheapest first: the one list that parsers and readers of tier names go through.</summary>
    public static ReadOnlySpan<PricingTier> All => Tiers;

    /// <summary>
    /// Gets the rate of a tier in US dollars per one million output tokens.
    /// </summary>
    /// <param name="tier">The tier. A value outside the enumeration is priced as <see cref="PricingTier.Standard"/>.</param>
    /// <returns>2 for <see cref="PricingTier.Budget"/>, 8 for <see cref="PricingTier.Standard"/>, 24 for <see cref="PricingTier.Premium"/>.</returns>
    public static decimal DollarsPerMillionOutputTokens(this PricingTier tier) => tier switch
    {
        PricingTier.Budget => 2m,
        PricingTier.Premium => 24m,
        _ => 8m,
    };

    /// <summary>
    /// Gets the rate of a tier in US dollars per one million input tokens: a quarter of the output rate.
    /// </summary>
    /// <param name="tier">The tier.</param>
    /// <returns>0.5, 2 or 6 dollars per one million input tokens.</returns>
    public static decimal DollarsPerMillionInputTokens(this PricingTier tier) => tier.DollarsPerMillionOutputTokens() / 4m;

    /// <summary>
    /// Chooses a tier from a model hint. The hint is compared, case-insensitively and as a whole,
    /// with the known model words: <c>kimi</c>, <c>claude</c> and <c>gpt-4</c> are Standard;
    /// <c>codex</c> and <c>gpt-4o</c> are Premium; <c>gemini</c> and <c>haiku</c> are Budget.
    /// </summary>
    /// <param name="hint">The model hint; leading and trailing white space is ignored.</param>
    /// <returns>The tier of the hint, or <see cref="PricingTier.Standard"/> for anything else, null or empty.</returns>
    public static PricingTier FromModelHint(string? hint)
    {
        var word = hint.AsSpan().Trim();
        if (word.Equals("codex", StringComparison.OrdinalIgnoreCase) || word.Equals("gpt-4o", StringComparison.OrdinalIgnoreCase))
        {
            return PricingTier.Premium;
        }

        if (word.Equals("gemini", StringComparison.OrdinalIgnoreCase) || word.Equals("haiku", StringComparison.OrdinalIgnoreCase))
        {
            return PricingTier.Budget;
        }

        return PricingTier.Standard;
    }

    /// <summary>
    /// Gets a value indicating whether a model hint is one of the known model words of <see cref="FromModelHint"/>
    /// (<c>kimi</c>, <c>claude</c>, <c>gpt-4</c>, <c>codex</c>, <c>gpt-4o</c>, <c>gemini</c>, <c>haiku</c>); any other
    /// hint falls back to <see cref="PricingTier.Standard"/>.
    /// </summary>
    /// <param name="hint">The model hint; leading and trailing white space is ignored.</param>
    /// <returns><see langword="true"/> when a rule matches the hint.</returns>
    public static bool IsKnownModelHint(string? hint)
    {
        var word = hint.AsSpan().Trim();
        foreach (var known in KnownModelHints)
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses a tier name (<c>budget</c>, <c>standard</c> or <c>premium</c>, in any case).
    /// </summary>
    /// <param name="value">The name to parse.</param>
    /// <param name="tier">The tier, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> names a tier.</returns>
    public static bool TryParse(string? value, out PricingTier tier)
    {
        var word = value.AsSpan().Trim();
        foreach (var candidate in All)
        {
            if (word.Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                tier = candidate;
                return true;
            }
        }

        tier = PricingTier.Standard;
        return false;
    }

    /// <summary>
    /// Gets the name of a tier as the cost file stores it: <c>Budget</c>, <c>Standard</c> or <c>Premium</c>. This is the
    /// one spelling of the tier names; <see cref="TryParse"/> and every store's reader compare against it.
    /// </summary>
    /// <param name="tier">The tier. A value outside the enumeration is named <c>Standard</c>.</param>
    /// <returns>The tier's name.</returns>
    public static string Name(this PricingTier tier) => tier switch
    {
        PricingTier.Budget => "Budget",
        PricingTier.Premium => "Premium",
        _ => "Standard",
    };
}
