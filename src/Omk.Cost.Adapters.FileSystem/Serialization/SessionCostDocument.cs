using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// One element of <c>costs.json</c>, with the Rust omk's key names. <see cref="AdditionalFields"/> holds the session's
/// usage details (<see cref="SessionDetailsFields"/>) and then the keys this version does not know, written back unchanged.
/// Only written: <see cref="SessionCostReader"/> is the one reader of <c>costs.json</c> and holds its rules.
/// </summary>
internal sealed class SessionCostDocument
{
    [JsonPropertyName("session_type")]
    public string SessionType { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; set; }

    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; set; }

    [JsonPropertyName("estimate")]
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

    /// <summary>Creates the document of a session.</summary>
    /// <param name="session">The session.</param>
    /// <param name="unknownFields">
    /// Keys this version does not know, read from the stored version of the session, to write back after the session's
    /// own <see cref="SessionCost.ExtraFields"/>; or null.
    /// </param>
    /// <returns>The document.</returns>
    /// <remarks>
    /// The unknown keys of the estimate, kept among the session's as the object under <c>"estimate"</c>
    /// (<see cref="SessionCostReader.EstimateKey"/>), are written back inside the estimate, after its known keys.
    /// </remarks>
    public static SessionCostDocument From(SessionCost session, IReadOnlyDictionary<string, JsonElement>? unknownFields = null)
    {
        var fields = ExtraFields(session.Details, session.ExtraFields, unknownFields);
        var estimate = CostEstimateDocument.From(session.Estimate);
        if (fields is not null && fields.Remove(SessionCostReader.EstimateKey, out var inEstimate))
        {
            if (inEstimate.ValueKind == JsonValueKind.Object)
            {
                estimate.AdditionalFields = inEstimate.EnumerateObject().ToDictionary(static field => field.Name, static field => field.Value, StringComparer.Ordinal);
            }

            fields = fields.Count == 0 ? null : fields;
        }

        return new()
        {
            SessionType = session.SessionType,
            Name = session.Name,
            StartedAt = session.StartedAt,
            EndedAt = session.EndedAt,
            Estimate = estimate,
            ActualUsd = session.ActualUsd,
            Id = session.Id,
            AdditionalFields = fields,
        };
    }

    private static Dictionary<string, JsonElement>? ExtraFields(SessionUsageDetails? details, SessionExtraFields? own, IReadOnlyDictionary<string, JsonElement>? unknownFields)
    {
        if (details is null && own is null && unknownFields is not { Count: > 0 })
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (details is not null)
        {
            SessionDetailsFields.Write(details, fields);
        }

        // The session's own unknown keys first, then those of the stored version it replaces.
        foreach (var (key, value) in (own is null ? [] : SessionExtraFieldsJson.Elements(own)).Concat(unknownFields ?? new Dictionary<string, JsonElement>()))
        {
            // A detail key of another type is unknown when read; the session's own details win over it.
            if (details is null || !SessionDetailsFields.IsDetailKey(key))
            {
                fields.TryAdd(key, value);
            }
        }

        return fields;
    }
}
