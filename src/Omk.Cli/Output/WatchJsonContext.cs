using System.Text.Json.Serialization;

namespace Omk.Cli.Output;

/// <summary>The source-generated serializer of the JSON lines of <c>omk cost watch kimi</c>: one compact document a line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WatchEventDocument))]
[JsonSerializable(typeof(RunDocument))]
internal sealed partial class WatchJsonContext : JsonSerializerContext;
