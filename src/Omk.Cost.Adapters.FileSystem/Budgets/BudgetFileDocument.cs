using System.Text.Json.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>The whole of <c>budgets.json</c>: an object, so that later versions can add keys beside the list.</summary>
internal sealed class BudgetFileDocument
{
    [JsonPropertyName("budgets")]
    [JsonRequired]
    public List<BudgetEntryDocument> Budgets { get; set; } = [];
}
