using System.Globalization;
using System.Text;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// Writes the text form of the Kimi usage report: the words a person reading <c>omk cost usage kimi</c> sees.
/// </summary>
public static class KimiUsageText
{
    /// <summary>
    /// Formats a usage report as a table: one line a group, a total line, and the models without a price.
    /// Culture-invariant; a cost that is unknown for lack of a price shows as the lower bound its priced part gives
    /// (<c>≥ 0.0693</c>), or <c>unknown</c> when nothing of it is priced, never as $0.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>The text of the report.</returns>
    public static string Format(UsageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var total = report.Total;
        if (total.Sessions == 0)
        {
            return "No Kimi usage found.\n";
        }

        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(invariant, $"Kimi usage by {Title(report.GroupBy)}\n\n");
        text.Append(invariant, $"{Title(report.GroupBy),-24} {"sessions",8} {"input",14} {"cache read",14} {"cache write",14} {"output",14} {"cost (USD)",14}\n");
        foreach (var group in report.Groups)
        {
            AppendLine(text, group.Label is null ? group.Key : $"{group.Key} {group.Label}", group.Summary);
        }

        AppendLine(text, "Total", total);
        if (total.Unpriced.Count > 0)
        {
            text.Append('\n').Append(UnpricedTotalLine(total)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Formats the total of a summary with unpriced models: the priced part as a lower bound and what lacks a price,
    /// such as <c>≥ $0.0693 (15 tokens of kimi-k2 have no price; add it to prices.json, see omk cost usage kimi --help)</c>.
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

        return string.Create(
            invariant,
            $"\u2265 ${summary.PricedCostUsd:F4} ({models} {verb} no price; add {pronoun} to prices.json, see omk cost usage kimi --help)");
    }

    private static string Title(UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.Month => "month",
        UsageGrouping.Session => "session",
        UsageGrouping.Project => "project",
        UsageGrouping.Model => "model",
        _ => "day",
    };

    private static void AppendLine(StringBuilder text, string key, UsageSummary summary)
    {
        var invariant = CultureInfo.InvariantCulture;
        var cost = summary.CostUsd is { } known ? string.Create(invariant, $"{known:F4}")
            : summary.PricedCostUsd > 0 ? string.Create(invariant, $"\u2265 {summary.PricedCostUsd:F4}")
            : "unknown";
        var usage = summary.Usage;
        text.Append(invariant, $"{key,-24} {summary.Sessions,8} {usage.InputOther,14:N0} {usage.CacheRead,14:N0} {usage.CacheCreation,14:N0} {usage.Output,14:N0} {cost,14}\n");
    }
}
