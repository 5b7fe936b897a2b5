using System.Text.Json.Serialization;
using Omk.Cost.Domain.Time;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>One budget in <c>budgets.json</c>.</summary>
internal sealed class BudgetEntryDocument
{
    [JsonPropertyName("name")]
    [JsonRequired]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("limit_usd")]
    [JsonRequired]
    public decimal LimitUsd { get; set; }

    /// <summary>Gets or sets the period: <c>total</c>, <c>day</c>, <c>week</c> or <c>month</c>.</summary>
    [JsonPropertyName("period")]
    [JsonRequired]
    public string Period { get; set; } = PeriodWords.Total;

    [JsonPropertyName("session_type")]
    public string? SessionType { get; set; }

    [JsonPropertyName("warn_at_percent")]
    public decimal? WarnAtPercent { get; set; }

    [JsonPropertyName("time_zone")]
    [JsonRequired]
    public string TimeZone { get; set; } = "UTC";
}
