using System.Text.Json.Serialization;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Output;

/// <summary>
/// The <c>omk cost usage kimi --json</c> document: the totals, the unpriced models and the groups.
/// </summary>
internal sealed class UsageReportDocument : UsageFieldsDocument
{
    public UsageReportDocument()
    {
    }

    public UsageReportDocument(UsageReport report, IEnumerable<UsageReportGroup> groups)
        : base(report.Total)
    {
        TimeZone = report.TimeZone.Id;
        Window = new UsageWindowDocument(report.Window, report.TimeZone);
        Groups = [.. groups.Select(static group => new UsageGroupDocument(group))];
    }

    /// <summary>Gets the time zone of the days, weeks, months and session starts, such as <c>Asia/Shanghai</c>.</summary>
    [JsonPropertyOrder(1)]
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the window of time whose calls the report covers, in the report's zone.</summary>
    [JsonPropertyOrder(2)]
    public UsageWindowDocument Window { get; init; } = new();

    [JsonPropertyOrder(3)]
    public List<UsageGroupDocument> Groups { get; init; } = [];
}
