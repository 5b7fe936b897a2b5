using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost estimate</c>, and the <c>estimate</c> of a recorded session.</summary>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="DurationSecs">The duration in seconds the estimate was made for.</param>
/// <param name="WorkerCount">The workers the estimate was made for.</param>
/// <param name="EstimatedUsd">The estimated US dollars.</param>
/// <param name="Tier">The tier's name: <c>Budget</c>, <c>Standard</c> or <c>Premium</c>.</param>
internal sealed record EstimateDocument(ulong InputTokens, ulong OutputTokens, ulong DurationSecs, ulong WorkerCount, decimal EstimatedUsd, string Tier)
{
    /// <summary>Creates the document of an estimate.</summary>
    /// <param name="estimate">The estimate.</param>
    /// <returns>The document.</returns>
    public static EstimateDocument From(CostEstimate estimate) => new(
        estimate.InputTokens,
        estimate.OutputTokens,
        estimate.DurationSecs,
        estimate.WorkerCount,
        estimate.EstimatedUsd,
        estimate.Tier.Name());
}
