using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// One element of <c>costs.json</c>, with the Rust omk's key names. Keys this version does not know are kept
/// in <see cref="AdditionalFields"/> and written back unchanged.
/// </summary>
internal sealed class SessionCostDocument
{
    [JsonPropertyName("session_type")]
    [JsonRequired]
    public string SessionType { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    [JsonRequired]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("started_at")]
    [JsonRequired]
    public DateTimeOffset StartedAt { get; set; }

    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; set; }

    [JsonPropertyName("estimate")]
    [JsonRequired]
    public CostEstimateDocument Estimate { get; set; } = new();

    [JsonPropertyName("actual_usd")]
    public decimal? ActualUsd { get; set; }

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    public static SessionCostDocument From(SessionCost session) => new()
    {
        SessionType = session.SessionType,
        Name = session.Name,
        StartedAt = session.StartedAt,
        EndedAt = session.EndedAt,
        Estimate = CostEstimateDocument.From(session.Estimate),
        ActualUsd = session.ActualUsd,
        Id = session.Id,
        AdditionalFields = session.AdditionalFields is { Count: > 0 } fields ? new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal) : null,
    };
}
