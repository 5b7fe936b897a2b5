using Omk.Cli.Arguments;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Rendering;

/// <summary>
/// The text form of <c>omk cost usage kimi</c>, laid out by the table renderer every text report shares: tokens
/// with thousands separators, the cost in dollars, a totals row, and bars of the cost by day, week or month.
/// </summary>
internal static class UsageReportView
{
    /// <summary>Writes the report.</summary>
    /// <param name="output">The output.</param>
    /// <param name="report">The report.</param>
    /// <param name="window">The window the report covers.</param>
    /// <param name="top">How many groups to show, or 0 for all.</param>
    public static void Write(StyledOutput output, UsageReport report, ResolvedWindow window, long top)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(window);
        var total = report.Total;
        if (total.Sessions == 0)
        {
            output.WritePlain(window.IsBounded ? window.Nothing("Kimi usage") : "No Kimi usage found.");
            return;
        }

        var isPeriod = report.GroupBy is UsageGrouping.Day or UsageGrouping.Week or UsageGrouping.Month;
        var title = Title(report.GroupBy);
        output.WriteLine(isPeriod ? $"Kimi usage by {title} ({report.TimeZone.Id})" : $"Kimi usage by {title}", Tone.Header);
        output.WriteLine($"Total cost: {Cost(total)}", Tone.Total);
        output.WriteLine();

        var table = new TextTable(
            TextColumn.Text(char.ToUpperInvariant(title[0]) + title[1..]),
            TextColumn.Number("Sessions"),
            TextColumn.Number("Input"),
            TextColumn.Number("Cache read"),
            TextColumn.Number("Cache write"),
            TextColumn.Number("Output"),
            TextColumn.Number("Cost"))
        {
            ShowBars = isPeriod,
        };
        var shown = top > 0
            ? report.Groups.OrderByDescending(static group => group.Summary.PricedCostUsd).Take((int)Math.Min(top, int.MaxValue)).ToList()
            : report.Groups;
        foreach (var group in shown)
        {
            table.AddRow(Cells(group.Label is null ? group.Key : $"{group.Key} {group.Label}", group.Summary), group.Summary.PricedCostUsd);
        }

        table.SetTotals([.. Cells("Total", total)]);
        output.Write(table);

        var hidden = report.Groups.Count - shown.Count;
        if (hidden > 0)
        {
            output.WriteLine();
            output.WriteLine($"The top {Figures.Count(shown.Count)} of {Figures.Counted(report.Groups.Count, title)} are shown; the total covers all.", Tone.Note);
        }

        if (isPeriod && report.Groups.Sum(static group => group.Summary.Sessions) > total.Sessions)
        {
            output.WriteLine();
            output.WriteLine(
                $"A session counts in every {title} in which it made calls, so one that ran across midnight is in two rows: the rows add up to more sessions than the total.",
                Tone.Note);
        }

        if (total.Unpriced.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(KimiUsageText.UnpricedTotalLine(total), Tone.Alert);
        }
    }

    private static string Title(UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.Week => "week",
        UsageGrouping.Month => "month",
        UsageGrouping.Session => "session",
        UsageGrouping.Project => "project",
        UsageGrouping.Model => "model",
        _ => "day",
    };

    private static string Cost(UsageSummary summary) => summary.CostUsd is { } known ? Figures.Usd(known)
        : summary.PricedCostUsd > 0 ? "\u2265 " + Figures.Usd(summary.PricedCostUsd)
        : "unknown";

    private static string[] Cells(string key, UsageSummary summary) =>
    [
        key,
        Figures.Count(summary.Sessions),
        Figures.Count(summary.Usage.InputOther),
        Figures.Count(summary.Usage.CacheRead),
        Figures.Count(summary.Usage.CacheCreation),
        Figures.Count(summary.Usage.Output),
        Cost(summary),
    ];
}
