namespace Omk.Cost.Domain.Usage;

/// <summary>
/// The totals of a set of model calls.
/// </summary>
/// <param name="Sessions">The number of distinct sessions the calls belong to.</param>
/// <param name="Usage">The tokens of the calls, by class.</param>
/// <param name="CostUsd">
/// The cost in US dollars, or null when any call's model has no price: a partial sum is never shown as the cost.
/// </param>
/// <param name="PricedCostUsd">The cost of the calls whose model has a price; a lower bound of the cost.</param>
/// <param name="Unpriced">The models without a price, by name, with their tokens.</param>
internal sealed record UsageSummary(
    long Sessions,
    TokenUsage Usage,
    decimal? CostUsd,
    decimal PricedCostUsd,
    IReadOnlyList<UnpricedModel> Unpriced)
{
    /// <summary>
    /// Gets the failed model requests the sessions' logs say were retried: never priced, but possibly billed.
    /// </summary>
    public long Retries { get; init; }
}
