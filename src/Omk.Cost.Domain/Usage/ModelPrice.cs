namespace Omk.Cost.Domain.Usage;

/// <summary>
/// What one model's tokens cost from a given moment on, in US dollars per one million tokens of each class.
/// </summary>
internal sealed record ModelPrice
{
    /// <summary>The number of tokens a rate is quoted for.</summary>
    private const decimal TokensPerRate = 1_000_000m;

    /// <summary>Gets the model the price is for, such as <c>kimi-k2.6</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the moment from which the price applies, or null when it has always applied.</summary>
    public DateTimeOffset? EffectiveFrom { get; init; }

    /// <summary>Gets the rate of input tokens that miss the prompt cache, per one million tokens.</summary>
    public required decimal CacheMissPerMillion { get; init; }

    /// <summary>Gets the rate of input tokens read from the prompt cache, or null when the model has no cache discount.</summary>
    /// <value>When null, cache reads are priced as cache misses.</value>
    public decimal? CacheHitPerMillion { get; init; }

    /// <summary>Gets the rate of input tokens written to the prompt cache, or null to price them as cache misses.</summary>
    public decimal? CacheCreationPerMillion { get; init; }

    /// <summary>Gets the rate of output tokens, per one million tokens.</summary>
    public required decimal OutputPerMillion { get; init; }

    /// <summary>Gets the day the price was published or read from its source, or null when unknown.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Gets where the price comes from, or null when unknown.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// Prices a usage: each token class at its rate, cache reads at the cache-hit rate (or the cache-miss rate when
    /// the model has none) and cache creation at its own rate (or the cache-miss rate).
    /// </summary>
    /// <param name="usage">The tokens.</param>
    /// <returns>The cost in US dollars, saturating at <see cref="decimal.MaxValue"/>.</returns>
    public decimal CostOf(TokenUsage usage)
    {
        var total = Term(usage.InputOther, CacheMissPerMillion);
        total = Saturating.Add(total, Term(usage.CacheRead, CacheHitPerMillion ?? CacheMissPerMillion));
        total = Saturating.Add(total, Term(usage.CacheCreation, CacheCreationPerMillion ?? CacheMissPerMillion));
        return Saturating.Add(total, Term(usage.Output, OutputPerMillion));
    }

    private static decimal Term(ulong tokens, decimal ratePerMillion)
    {
        if (tokens == 0 || ratePerMillion <= 0m)
        {
            return 0m;
        }

        // Dividing first keeps every product inside decimal's range; the quotient of a 64-bit count by 10^6 is exact.
        var millions = tokens / TokensPerRate;
        return millions > 1m && ratePerMillion > decimal.MaxValue / millions ? decimal.MaxValue : millions * ratePerMillion;
    }
}
