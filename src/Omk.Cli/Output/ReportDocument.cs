using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost report</c>.</summary>
/// <param name="Sessions">The number of sessions covered.</param>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="TotalEstimatedUsd">The estimated US dollars.</param>
/// <param name="TotalActualUsd">The actual US dollars of the sessions that know them, or null.</param>
/// <param name="TotalSpentUsd">The spend: each session's actual cost when known, else its estimate.</param>
/// <param name="TimeZone">The time zone of the days, weeks and months, such as <c>Asia/Shanghai</c>.</param>
/// <param name="Window">The window of start times the report covers.</param>
/// <param name="Groups">The groups.</param>
internal sealed record ReportDocument(
    long Sessions,
    ulong InputTokens,
    ulong OutputTokens,
    decimal TotalEstimatedUsd,
    decimal? TotalActualUsd,
    decimal TotalSpentUsd,
    string TimeZone,
    WindowDocument Window,
    IReadOnlyList<ReportGroupDocument> Groups)
{
    /// <summary>Creates the document of a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="groups">The groups to show (all of them, or the top ones).</param>
    /// <param name="window">The window the report covers.</param>
    /// <returns>The document.</returns>
    public static ReportDocument From(CostReport report, IReadOnlyList<CostReportGroup> groups, Arguments.ResolvedWindow window)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.Sessions,
            report.InputTokens,
            report.OutputTokens,
            report.TotalEstimatedUsd,
            report.TotalActualUsd,
            report.TotalSpentUsd,
            report.TimeZone.Id,
            WindowDocument.From(window),
            [.. groups.Select(ReportGroupDocument.From)]);
    }
}
