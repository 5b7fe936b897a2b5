using Omk.Cli.Arguments;
using Omk.Cost.Domain;

namespace Omk.Cli.Rendering;

/// <summary>
/// The text form of <c>omk cost report</c>: one layout whatever the sessions hold, a title, the window, the total spent
/// and a table with estimated, actual and spent columns, a totals row and, by day, week or month, bars of the spend.
/// <c>--format reference</c> prints the reference's text instead (<see cref="CostReport.ToString"/>), byte for byte.
/// </summary>
internal static class CostReportView
{
    /// <summary>Writes the report.</summary>
    /// <param name="output">The output.</param>
    /// <param name="report">The report.</param>
    /// <param name="window">The window the report covers.</param>
    /// <param name="top">How many groups to show, or 0 for all.</param>
    /// <param name="reference">Whether to write the reference's text rather than the table.</param>
    public static void Write(StyledOutput output, CostReport report, ResolvedWindow window, long top, bool reference = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(window);
        if (reference)
        {
            output.WritePlain(report.ToString());
            return;
        }

        if (report.Sessions == 0)
        {
            output.WritePlain(window.IsBounded ? window.Nothing("sessions") : report.ToString());
            return;
        }

        var isPeriod = report.GroupBy is CostGrouping.Day or CostGrouping.Week or CostGrouping.Month;
        var title = isPeriod ? $"OMK Cost Report by {CostReport.GroupTitle(report.GroupBy)} ({report.TimeZone.Id})" : "OMK Cost Report";
        output.WriteLine(title, Tone.Header);
        output.WriteLine(window.Line);
        output.WriteLine($"Total spent: {Figures.Usd(report.TotalSpentUsd)} (actual cost where known, else the estimate)", Tone.Total);
        output.WriteLine();

        var shown = top > 0 ? report.Groups.Take((int)Math.Min(top, int.MaxValue)).ToList() : report.Groups;
        output.Write(Table(report, shown, isPeriod));

        output.WriteLine();
        var hidden = report.Groups.Count - shown.Count;
        output.WriteLine(hidden > 0
            ? $"Sessions: {Figures.Count(report.Sessions)} (the top {Figures.Count(shown.Count)} of {Figures.Counted(report.Groups.Count, CostReport.GroupTitle(report.GroupBy))} shown)"
            : $"Sessions: {Figures.Count(report.Sessions)}");
    }

    /// <summary>One row a group shown: its key, its sessions and its estimated, actual and spent money; the totals of all.</summary>
    private static TextTable Table(CostReport report, IReadOnlyList<CostReportGroup> shown, bool isPeriod)
    {
        var header = char.ToUpperInvariant(CostReport.GroupTitle(report.GroupBy)[0]) + CostReport.GroupTitle(report.GroupBy)[1..];
        var table = new TextTable(
            TextColumn.Text(header) with { CanShorten = true },
            TextColumn.Number("Sessions") with { DropOrder = 3 },
            TextColumn.Number("Estimated") with { DropOrder = 1 },
            TextColumn.Number("Actual") with { DropOrder = 2 },
            TextColumn.Number("Spent"))
        {
            ShowBars = isPeriod,
        };
        foreach (var group in shown)
        {
            table.AddRow(Cells(group.Key, group.Sessions, group.EstimatedUsd, group.ActualUsd, group.SpentUsd), group.SpentUsd);
        }

        table.SetTotals([.. Cells("Total", report.Sessions, report.TotalEstimatedUsd, report.TotalActualUsd, report.TotalSpentUsd)]);
        return table;
    }

    private static string[] Cells(string key, long sessions, decimal estimated, decimal? actual, decimal spent) =>
        [key, Figures.Count(sessions), Figures.Usd(estimated), Figures.Usd(actual, "-"), Figures.Usd(spent)];
}
