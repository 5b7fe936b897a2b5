using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cost.Domain.Time;
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
        var bySession = report.GroupBy == UsageGrouping.Session;
        var title = Title(report.GroupBy);
        output.WriteLine(isPeriod || bySession ? $"Kimi usage by {title} ({report.TimeZone.Id})" : $"Kimi usage by {title}", Tone.Header);
        output.WriteLine(window.Line);
        output.WriteLine($"Total cost: {Cost(total)}", Tone.Total);
        output.WriteLine();

        var shown = Shown(report, top);
        output.Write(bySession ? SessionTable(shown, total) : GroupTable(char.ToUpperInvariant(title[0]) + title[1..], shown, total, isPeriod));
        WriteNotes(output, report, shown.Count, title, isPeriod);
    }

    /// <summary>The notes under the table: groups left out, sessions counted in two periods, models without a price, retries.</summary>
    private static void WriteNotes(StyledOutput output, UsageReport report, int shown, string title, bool isPeriod)
    {
        var total = report.Total;
        var hidden = report.Groups.Count - shown;
        if (hidden > 0)
        {
            output.WriteLine();
            output.WriteLine($"The top {Figures.Count(shown)} of {Figures.Counted(report.Groups.Count, title)} are shown; the total covers all.", Tone.Note);
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
            output.WriteLine(UsageReportText.UnpricedTotalLine(total), Tone.Alert);
        }

        if (UsageReportText.RetriesLine(total) is { } retries)
        {
            output.WriteLine();
            output.WriteLine(retries, Tone.Note);
        }
    }

    /// <summary>
    /// Chooses the groups to show: all of them, or the <paramref name="top"/> that cost the most (the priced part of
    /// their cost), most first. The text, the JSON and the CSV show the same groups.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="top">How many groups to show, or 0 for all.</param>
    /// <returns>The groups.</returns>
    public static IReadOnlyList<UsageReportGroup> Shown(UsageReport report, long top)
    {
        ArgumentNullException.ThrowIfNull(report);
        return top > 0
            ? [.. report.Groups.OrderByDescending(static group => group.Summary.PricedCostUsd).Take((int)Math.Min(top, int.MaxValue))]
            : report.Groups;
    }

    /// <summary>One row a group: its key, its sessions, its tokens and its cost; bars by day, week or month.</summary>
    private static TextTable GroupTable(string header, IReadOnlyList<UsageReportGroup> groups, UsageSummary total, bool isPeriod)
    {
        var table = new TextTable(
            TextColumn.Text(header) with { CanShorten = true },
            TextColumn.Number("Sessions") with { DropOrder = 4 },
            TextColumn.Number("Input") with { DropOrder = 3 },
            TextColumn.Number("Cache read") with { DropOrder = 2 },
            TextColumn.Number("Cache write") with { DropOrder = 1 },
            TextColumn.Number("Output"),
            TextColumn.Number("Cost"))
        {
            ShowBars = isPeriod,
        };
        foreach (var group in groups)
        {
            table.AddRow([group.Key, Figures.Count(group.Summary.Sessions), .. Amounts(group.Summary)], group.Summary.PricedCostUsd);
        }

        table.SetTotals(["Total", Figures.Count(total.Sessions), .. Amounts(total)]);
        return table;
    }

    /// <summary>
    /// One row a session: when it started (in the report's zone), its id, title, project and main model (<c>+1</c>
    /// for each other model it called), its tokens and its cost.
    /// </summary>
    private static TextTable SessionTable(IReadOnlyList<UsageReportGroup> groups, UsageSummary total)
    {
        var table = new TextTable(
            TextColumn.Text("Started") with { DropOrder = 5 },
            TextColumn.Text("Session") with { CanShorten = true },
            TextColumn.Text("Title") with { CanShorten = true, DropOrder = 6 },
            TextColumn.Text("Project") with { CanShorten = true },
            TextColumn.Text("Model") with { DropOrder = 4 },
            TextColumn.Number("Input") with { DropOrder = 3 },
            TextColumn.Number("Cache read") with { DropOrder = 2 },
            TextColumn.Number("Cache write") with { DropOrder = 1 },
            TextColumn.Number("Output"),
            TextColumn.Number("Cost"));
        foreach (var group in groups)
        {
            var session = group.Session;
            var model = session?.Model is { } main
                ? session.OtherModels > 0 ? string.Create(CultureInfo.InvariantCulture, $"{main} +{session.OtherModels}") : main
                : string.Empty;
            table.AddRow(
                [
                    session?.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
                    group.Key,
                    session?.Title ?? string.Empty,
                    session?.Project ?? string.Empty,
                    model,
                    .. Amounts(group.Summary),
                ]);
        }

        table.SetTotals(["Total", Figures.Counted(total.Sessions, "session"), string.Empty, string.Empty, string.Empty, .. Amounts(total)]);
        return table;
    }

    private static string Title(UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.Week => PeriodWords.Week,
        UsageGrouping.Month => PeriodWords.Month,
        UsageGrouping.Session => "session",
        UsageGrouping.Project => "project",
        UsageGrouping.Model => "model",
        _ => PeriodWords.Day,
    };

    private static string Cost(UsageSummary summary) => summary.CostUsd is { } known ? Figures.Usd(known)
        : summary.PricedCostUsd > 0 ? "\u2265 " + Figures.Usd(summary.PricedCostUsd)
        : "unknown";

    /// <summary>The tokens and the cost of a summary, the cells every usage table ends with.</summary>
    private static string[] Amounts(UsageSummary summary) =>
    [
        Figures.Count(summary.Usage.InputOther),
        Figures.Count(summary.Usage.CacheRead),
        Figures.Count(summary.Usage.CacheCreation),
        Figures.Count(summary.Usage.Output),
        Cost(summary),
    ];
}
