using System.Reflection;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// What a person reads is the command's: its text, tables and <c>--json</c> documents are written by
/// <c>src/Omk.Cli</c> (<c>Rendering/</c>, <c>Output/</c>). An adapter hands the Domain's values over and writes only its
/// own store's format, so that an output can change without touching a store, and a store without touching an output.
/// </summary>
public sealed class AdapterPresentationTests
{
    /// <summary>The JSON types that write: a serializer, its generated metadata, a writer, the escaping of output text.</summary>
    private static readonly string[] JsonWriters =
    [
        "System.Text.Json.Utf8JsonWriter",
        "System.Text.Json.JsonSerializer",
        "System.Text.Json.Serialization.JsonSerializerContext",
    ];

    public static TheoryData<string> Adapters => [.. new[] { OmkArchitecture.FileSystemAdapter, OmkArchitecture.KimiAdapter, OmkArchitecture.PostgreSqlAdapter }.Select(static assembly => assembly.GetName().Name!)];

    [Theory]
    [MemberData(nameof(Adapters))]
    public void Adapter_ShouldNotDependOn_CommandLineOrConsole(string adapter)
    {
        var rule = Types().That().ResideInAssembly(Assembly.Load(adapter))
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cli")
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Spectre.Console")
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.CommandLine")
            .AndShould().NotDependOnAnyTypesThat().HaveFullName("System.Console")
            .Because("text, tables and their colours are the command's output code (src/Omk.Cli/Rendering)");

        rule.Check(OmkArchitecture.Model);
    }

    [Theory]
    [InlineData("Omk.Cost.Adapters.Kimi")]
    [InlineData("Omk.Cost.Adapters.PostgreSql")]
    public void AdapterWithoutJsonStore_ShouldNotWriteJson(string adapter)
    {
        // These adapters store no JSON (the Kimi adapter reads logs and keeps a binary index; the team store's unknown
        // fields are written by the application's canonical form): JSON they wrote would be output, the command's.
        var writers = JsonWritingTypes(adapter);

        Assert.True(writers.Count == 0, "writes JSON:\n" + string.Join('\n', writers));
    }

    [Fact]
    public void JsonWritingTypes_FindTheFileStoresWriter()
    {
        // The file store writes its files (costs.json, budgets.json, the outbox) as JSON: the detection above sees it.
        Assert.Contains("Omk.Cost.Adapters.FileSystem.JsonFileCostSink", JsonWritingTypes("Omk.Cost.Adapters.FileSystem"));
    }

    /// <summary>Lists the types of an assembly that use a JSON writer (by the name of the type that declares them).</summary>
    private static List<string> JsonWritingTypes(string assembly) =>
        [.. OmkArchitecture.Model.Types
            .Where(type => type.Assembly.Name == assembly)
            .Where(static type => type.Dependencies.Any(static dependency =>
                JsonWriters.Contains(dependency.Target.FullName)
                || (dependency.Target.Namespace?.FullName ?? string.Empty).StartsWith("System.Text.Encodings.Web", StringComparison.Ordinal)))
            .Select(static type => type.FullName.Split('+', '<')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
