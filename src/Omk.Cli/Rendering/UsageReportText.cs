using System.Globalization;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Rendering;

/// <summary>
/// The words a person reading <c>omk cost usage kimi</c> sees about Kimi's usage that the table cannot say.
/// </summary>
internal static class UsageReportText
{
    /// <summary>
    /// Formats the total of a summary with unpriced models: the priced part as a lower bound and what lacks a price,
    /// such as <c>≥ $0.07 (15 tokens of kimi-k2 have no price; add it to prices.json, see omk cost usage kimi --help)</c>;
    /// <c>unknown (…)</c> when nothing of it has a price.
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The line, without a line feed.</returns>
    public static string UnpricedTotalLine(UsageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var invariant = CultureInfo.InvariantCulture;
        var parts = summary.Unpriced.Select(m => string.Create(invariant, $"{m.Tokens:N0} {(m.Tokens == 1 ? "token" : "tokens")} of {m.Model}")).ToList();
        var models = parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
        var verb = parts.Count == 1 && summary.Unpriced[0].Tokens == 1 ? "has" : "have";
        var pronoun = parts.Count == 1 ? "it" : "them";

        var bound = summary.PricedCostUsd > 0m ? "\u2265 " + Figures.Usd(summary.PricedCostUsd) : "unknown";
        return $"{bound} ({models} {verb} no price; add {pronoun} to prices.json, see omk cost usage kimi --help)";
    }

    /// <summary>
    /// Formats the footnote of a summary whose sessions retried failed requests, such as <c>* 3 failed requests were
    /// retried: Kimi logs no usage for them, and the provider may have billed them</c>.
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The line, without a line feed, or null when no request was retried.</returns>
    public static string? RetriesLine(UsageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Retries switch
        {
            0 => null,
            1 => "* 1 failed request was retried: Kimi logs no usage for it, and the provider may have billed it",
            var count => string.Create(CultureInfo.InvariantCulture, $"* {count:N0} failed requests were retried: Kimi logs no usage for them, and the provider may have billed them"),
        };
    }
}
