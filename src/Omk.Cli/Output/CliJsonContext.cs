using System.Text.Json.Serialization;

namespace Omk.Cli.Output;

/// <summary>The source-generated serializers of the CLI's own JSON documents, with the storage format's snake_case keys.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReportDocument))]
[JsonSerializable(typeof(BudgetDocument))]
[JsonSerializable(typeof(BudgetCheckDocument))]
[JsonSerializable(typeof(BudgetListDocument))]
[JsonSerializable(typeof(GateDocument))]
[JsonSerializable(typeof(ReservationListDocument))]
[JsonSerializable(typeof(ImportDocument))]
[JsonSerializable(typeof(UsageReportDocument))]
[JsonSerializable(typeof(SessionDocument))]
[JsonSerializable(typeof(EstimateDocument))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(StatusErrorDocument))]
[JsonSerializable(typeof(Omk.Cli.Status.StatusCacheDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
