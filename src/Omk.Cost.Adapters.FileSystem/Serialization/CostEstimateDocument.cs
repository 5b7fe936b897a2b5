using System.Text.Json.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// The <c>estimate</c> object of a stored session, with the Rust omk's key names. Every key is required, as there.
/// </summary>
internal sealed class CostEstimateDocument
{
    [JsonPropertyName("input_tokens")]
    [JsonRequired]
    public ulong InputTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    [JsonRequired]
    public ulong OutputTokens { get; set; }

    [JsonPropertyName("duration_secs")]
    [JsonRequired]
    public ulong DurationSecs { get; set; }

    [JsonPropertyName("worker_count")]
    [JsonRequired]
    public ulong WorkerCount { get; set; }

    [JsonPropertyName("estimated_usd")]
    [JsonRequired]
    public decimal EstimatedUsd { get; set; }

    [JsonPropertyName("tier")]
    [JsonRequired]
    public PricingTier Tier { get; set; }

    public static CostEstimateDocument From(CostEstimate estimate) => new()
    {
        InputTokens = estimate.InputTokens,
        OutputTokens = estimate.OutputTokens,
        DurationSecs = estimate.DurationSecs,
        WorkerCount = estimate.WorkerCount,
        EstimatedUsd = estimate.EstimatedUsd,
        Tier = estimate.Tier,
    };
}
