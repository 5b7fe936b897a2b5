using System.Text.Json.Serialization;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Json;

/// <summary>
/// The <c>omk cost usage kimi --json</c> document: the totals, the unpriced models and the groups.
/// </summary>
internal sealed class UsageReportDocument : UsageFieldsDocument
{
    public UsageReportDocument()
    {
    }

    public UsageReportDocument(UsageReport report)
        : base(report.Total)
    {
        Groups = [.. report.Groups.Select(static group => new UsageGroupDocument(group))];
    }

    [JsonPropertyOrder(1)]
    public List<UsageGroupDocument> Groups { get; init; } = [];
}
