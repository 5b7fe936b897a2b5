using System.Text.Json;
using System.Text.Json.Serialization;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// The source-generated serializer of <c>costs.json</c>: two-space indentation, <c>\n</c> line ends,
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
    Converters = [typeof(Rfc3339TimestampConverter), typeof(PricingTierConverter)])]
[JsonSerializable(typeof(SessionCostDocument))]
[JsonSerializable(typeof(CostEstimateDocument))]
[JsonSerializable(typeof(List<SessionCostDocument>))]
internal sealed partial class CostJsonContext : JsonSerializerContext;
