using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// The loaded model holds every project, and a rule cannot pass by matching nothing.
/// </summary>
public sealed class OmkArchitectureTests
{
    [Fact]
    public void Model_Loaded_HoldsEveryProjectAssembly()
    {
        var names = OmkArchitecture.Model.Assemblies.Select(static assembly => assembly.Name.Split(',')[0]).Order(StringComparer.Ordinal);

        Assert.Equal(["Omk.Cost.Adapters.FileSystem", "Omk.Cost.Adapters.Kimi", "Omk.Cost.Adapters.PostgreSql", "Omk.Cost.Application", "Omk.Cost.Domain", "Omk.Runtime.Atomic", "omk"], names);
    }

    [Fact]
    public void Rule_SubjectMatchingNothing_Fails()
    {
        var rule = Types().That().ResideInNamespace("Omk.Cost.NoSuchNamespace")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.IO")
            .Because("a rule about types that do not exist must not pass unnoticed");

        Assert.Throws<FailedArchRuleException>(() => rule.Check(OmkArchitecture.Model));
    }
}
