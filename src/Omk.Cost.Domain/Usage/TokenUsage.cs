namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The tokens of one or more model calls, by token class. Sums saturate at <see cref="ulong.MaxValue"/>.
/// </summary>
/// <param name="InputOther">The input tokens that were neither read from nor written to the prompt cache.</param>
/// <param name="CacheRead">The input tokens read from the prompt cache (cache hits).</param>
/// <param name="CacheCreation">The input tokens written to the prompt cache.</param>
/// <param name="Output">The output tokens.</param>
internal readonly record struct TokenUsage(ulong InputOther, ulong CacheRead, ulong CacheCreation, ulong Output)
{
    /// <summary>Gets no tokens at all.</summary>
    public static TokenUsage Zero => default;

    /// <summary>Gets every input token: the other input, the cache reads and the cache creation, saturating.</summary>
    public ulong InputTokens => Saturating.Add(Saturating.Add(InputOther, CacheRead), CacheCreation);

    /// <summary>Gets every token of every class, saturating.</summary>
    public ulong TotalTokens => Saturating.Add(InputTokens, Output);

    /// <summary>Gets a value indicating whether every class is zero.</summary>
    public bool IsZero => InputOther == 0 && CacheRead == 0 && CacheCreation == 0 && Output == 0;

    /// <summary>Adds two usages class by class, saturating.</summary>
    /// <param name="left">The first usage.</param>
    /// <param name="right">The second usage.</param>
    /// <returns>The sum.</returns>
    public static TokenUsage operator +(TokenUsage left, TokenUsage right) => left.Add(right);

    /// <summary>Adds another usage class by class, saturating.</summary>
    /// <param name="other">The usage to add.</param>
    /// <returns>The sum.</returns>
    public TokenUsage Add(TokenUsage other) => new(
        Saturating.Add(InputOther, other.InputOther),
        Saturating.Add(CacheRead, other.CacheRead),
        Saturating.Add(CacheCreation, other.CacheCreation),
        Saturating.Add(Output, other.Output));
}
