using System.Text.Json.Serialization;
using Omk.Cost.Adapters.Kimi.Json;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// The source-generated serializer of the usage documents: snake_case names, two-space indentation. Price files
/// are read by <c>PriceFileParser</c>, which knows where each value is.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n")]
[JsonSerializable(typeof(UsageReportDocument))]
internal sealed partial class KimiJsonContext : JsonSerializerContext;
