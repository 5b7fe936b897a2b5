using System.Text.Json.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>One reservation in <c>reservations.json</c>.</summary>
internal sealed class ReservationEntryDocument
{
    [JsonPropertyName("id")]
    [JsonRequired]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("usd")]
    [JsonRequired]
    public decimal Usd { get; set; }

    [JsonPropertyName("session_type")]
    public string? SessionType { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("budgets")]
    public List<string> Budgets { get; set; } = [];

    [JsonPropertyName("created_at")]
    [JsonRequired]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("expires_at")]
    [JsonRequired]
    public DateTimeOffset ExpiresAt { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }

    /// <summary>Gets or sets the id of the session a settle was recording when its step stopped between its writes.</summary>
    [JsonPropertyName("settled_by")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SettledBy { get; set; }
}
