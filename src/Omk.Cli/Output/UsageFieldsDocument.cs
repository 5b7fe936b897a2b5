using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Output;

/// <summary>
/// The fields that the usage document and each of its groups share: sessions, tokens per class, cost, unpriced models.
/// </summary>
internal abstract class UsageFieldsDocument
{
    public long Sessions { get; init; }

    public ulong InputOtherTokens { get; init; }

    public ulong CacheReadTokens { get; init; }

    public ulong CacheCreationTokens { get; init; }

    public ulong OutputTokens { get; init; }

    public decimal? CostUsd { get; init; }

    public decimal PricedCostUsd { get; init; }

    public List<UnpricedDocument> Unpriced { get; init; } = [];

    /// <summary>Gets the failed requests that were retried: never priced, but the provider may have billed them.</summary>
    public long Retries { get; init; }

    protected UsageFieldsDocument()
    {
    }

    protected UsageFieldsDocument(UsageSummary summary)
    {
        Sessions = summary.Sessions;
        InputOtherTokens = summary.Usage.InputOther;
        CacheReadTokens = summary.Usage.CacheRead;
        CacheCreationTokens = summary.Usage.CacheCreation;
        OutputTokens = summary.Usage.Output;

        // Dividing by one with many zeros drops the trailing zeros that decimal arithmetic keeps (1.2300 → 1.23).
        CostUsd = summary.CostUsd is { } cost ? cost / 1.000000000000000000000000000000000m : null;
        PricedCostUsd = summary.PricedCostUsd / 1.000000000000000000000000000000000m;
        Unpriced = [.. summary.Unpriced.Select(static model => new UnpricedDocument { Model = model.Model, Tokens = model.Tokens })];
        Retries = summary.Retries;
    }
}
