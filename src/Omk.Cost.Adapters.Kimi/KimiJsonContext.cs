using System.Text.Json;
using System.Text.Json.Serialization;
using Omk.Cost.Adapters.Kimi.Json;
using Omk.Cost.Adapters.Kimi.Pricing;

namespace Omk.Cost.Adapters.Kimi;

/// <summary>
/// The source-generated serializer of price files and of the usage documents: snake_case names, two-space
/// indentation, unknown members of a price file refused so that a misspelt rate is not silently ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PriceFileDocument))]
[JsonSerializable(typeof(UsageReportDocument))]
internal sealed partial class KimiJsonContext : JsonSerializerContext;
