using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// An estimated cost breakdown of one session.
/// </summary>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="DurationSecs">The duration of the session in seconds.</param>
/// <param name="WorkerCount">The number of workers (agents) of the session.</param>
/// <param name="EstimatedUsd">The estimated cost in US dollars.</param>
/// <param name="Tier">The pricing tier the estimate used.</param>
public readonly record struct CostEstimate(
    ulong InputTokens,
    ulong OutputTokens,
    ulong DurationSecs,
    ulong WorkerCount,
    decimal EstimatedUsd,
    PricingTier Tier)
{
    /// <summary>
    /// Gets the input and output tokens together, saturating at <see cref="ulong.MaxValue"/>.
    /// </summary>
    public ulong TotalTokens => Saturating.Add(InputTokens, OutputTokens);

    /// <summary>
    /// Formats the estimate the way omk shows it, for example <c>~$0.0091 (2 workers, ~60s, ~2K tokens)</c>:
    /// dollars with four decimals and thousands of tokens by integer division, independent of the culture.
    /// </summary>
    /// <returns>The formatted estimate.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"~{ReferenceMoney.Usd(EstimatedUsd)} ({WorkerCount} {(WorkerCount == 1 ? "worker" : "workers")}, ~{DurationSecs}s, ~{TotalTokens / 1000}K tokens)");
}
