using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// The <c>estimate</c> object of a stored session as it is written, with the Rust omk's key names. Only written:
/// <see cref="SessionCostReader"/> is the one reader of <c>costs.json</c> and holds its rules (every key required).
/// </summary>
internal sealed class CostEstimateDocument
{
    [JsonPropertyName("input_tokens")]
    public ulong InputTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    public ulong OutputTokens { get; set; }

    [JsonPropertyName("duration_secs")]
    public ulong DurationSecs { get; set; }

    [JsonPropertyName("worker_count")]
    public ulong WorkerCount { get; set; }

    [JsonPropertyName("estimated_usd")]
    public decimal EstimatedUsd { get; set; }

    /// <summary>Gets or sets the tier's stored name (<see cref="PricingTiers.Name"/>).</summary>
    [JsonPropertyName("tier")]
    public string Tier { get; set; } = PricingTier.Standard.Name();

    /// <summary>Gets or sets the keys of the estimate that this version does not know, written back after the known ones.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    public static CostEstimateDocument From(CostEstimate estimate) => new()
    {
        InputTokens = estimate.InputTokens,
        OutputTokens = estimate.OutputTokens,
        DurationSecs = estimate.DurationSecs,
        WorkerCount = estimate.WorkerCount,
        EstimatedUsd = estimate.EstimatedUsd,
        Tier = estimate.Tier.Name(),
    };
}
