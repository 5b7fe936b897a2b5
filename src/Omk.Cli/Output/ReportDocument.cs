using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost report</c>.</summary>
/// <param name="Sessions">The number of sessions covered.</param>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="TotalEstimatedUsd">The estimated US dollars.</param>
/// <param name="TotalActualUsd">The actual US dollars of the sessions that know them, or null.</param>
/// <param name="Groups">The groups, whose keys come out as <c>key</c>, <c>sessions</c>, <c>input_tokens</c>, <c>output_tokens</c>, <c>estimated_usd</c> and <c>actual_usd</c>.</param>
internal sealed record ReportDocument(
    long Sessions,
    ulong InputTokens,
    ulong OutputTokens,
    decimal TotalEstimatedUsd,
    decimal? TotalActualUsd,
    IReadOnlyList<CostReportGroup> Groups)
{
    /// <summary>Creates the document of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The document.</returns>
    public static ReportDocument From(CostReport report) => new(
        report.Sessions,
        report.InputTokens,
        report.OutputTokens,
        report.TotalEstimatedUsd,
        report.TotalActualUsd,
        report.Groups);
}
