using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Adapters.FileSystem.Budgets;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// The source-generated serializer of <c>costs.json</c>, and of <c>budgets.json</c> and <c>reservations.json</c> beside it:
/// two-space indentation, <c>\n</c> line ends,
/// null fields written, non-nullable fields refused when null.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(Rfc3339TimestampConverter)])]
[JsonSerializable(typeof(SessionCostDocument))]
[JsonSerializable(typeof(CostEstimateDocument))]
[JsonSerializable(typeof(List<SessionCostDocument>))]
[JsonSerializable(typeof(BudgetFileDocument))]
[JsonSerializable(typeof(ReservationFileDocument))]
internal sealed partial class CostJsonContext : JsonSerializerContext;
