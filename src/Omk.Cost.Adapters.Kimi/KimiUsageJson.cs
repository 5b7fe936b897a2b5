using System.Text.Json;
using Omk.Cost.Adapters.Kimi.Json;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Writes the JSON documents of the Kimi usage commands, with a source-generated serializer.
/// </summary>
public static class KimiUsageJson
{
    /// <summary>
    /// Writes a usage report as one JSON document: <c>{"sessions", "input_other_tokens", "cache_read_tokens",
    /// "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced": [{"model", "tokens"}],
    /// "groups": [{"key", "forked_from"?, ...the same fields}]}</c>. <c>cost_usd</c> is null when a model lacks a price;
    /// <c>priced_cost_usd</c> is always the sum of what has a price (a lower bound then). <c>forked_from</c> appears on a
    /// session group that is a fork, when the logs name its source.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text, indented with two spaces.</returns>
    public static string Serialize(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new UsageReportDocument(report), KimiJsonContext.Default.UsageReportDocument);
    }
}
