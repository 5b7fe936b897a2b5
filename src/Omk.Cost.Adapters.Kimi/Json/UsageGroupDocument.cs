using System.Text.Json.Serialization;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Json;

/// <summary>One group of the <c>omk cost usage kimi --json</c> document.</summary>
internal sealed class UsageGroupDocument : UsageFieldsDocument
{
    public UsageGroupDocument()
    {
    }

    public UsageGroupDocument(UsageReportGroup group)
        : base(group.Summary)
    {
        Key = group.Key;
        ForkedFrom = group.ForkedFrom;
    }

    [JsonPropertyOrder(-1)]
    public string Key { get; init; } = string.Empty;

    /// <summary>Gets the session a session group was forked from; left out when none.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ForkedFrom { get; init; }
}
