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

    /// <summary>
    /// Tells whether two documents would be stored as the same bytes: the test by which an upsert leaves a session
    /// unchanged, and by which a dry run predicts it.
    /// </summary>
    /// <param name="other">The other document.</param>
    /// <returns><see langword="true"/> when both serialize identically.</returns>
    public bool HasSameContent(SessionCostDocument other) =>
        JsonSerializer.SerializeToUtf8Bytes(this, CostJsonContext.Default.SessionCostDocument)
            .AsSpan()
            .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(other, CostJsonContext.Default.SessionCostDocument));

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
