using System.Text.Json.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>The whole of <c>reservations.json</c>: an object, so that later versions can add keys beside the list.</summary>
internal sealed class ReservationFileDocument
{
    [JsonPropertyName("reservations")]
    [JsonRequired]
    public List<ReservationEntryDocument> Reservations { get; set; } = [];
}
