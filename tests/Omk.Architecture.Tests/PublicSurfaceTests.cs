using ArchUnitNET.xUnit;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// What a host may name: the composition call, the options, the ports and the use cases; never a concrete store
/// (docs/decisions/0015-internals-shared-with-named-siblings.md).
/// </summary>
public sealed class PublicSurfaceTests
{
    [Fact]
    public void ConcreteStores_ShouldNotBePublic()
    {
        var rule = Classes().That().ImplementInterface(typeof(ICostSink))
            .Or().ImplementInterface(typeof(IBudgetStore))
            .Or().ImplementInterface(typeof(ICostOutbox))
            .Or().ImplementInterface(typeof(ICostStoreMaintenance))
            .Should().NotBePublic()
            .Because("a host chooses a store with UseJsonFiles or UsePostgreSql and reaches it through the ports, so a store can change without breaking a host");

        rule.Check(OmkArchitecture.Model);
    }

    public static TheoryData<string> SrcProjects => new(Directory.EnumerateDirectories(Repository.Combine("src")).Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(SrcProjects))]
    public void SrcProject_ShouldKeep_APublicApiBaseline(string project)
    {
        var shipped = Repository.Combine("src", project, "PublicAPI.Shipped.txt");
        var unshipped = Repository.Combine("src", project, "PublicAPI.Unshipped.txt");

        Assert.True(File.Exists(shipped) && File.Exists(unshipped), $"{project} has no PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt for the public API analyzer to hold its surface to");
        Assert.Equal("#nullable enable", File.ReadLines(shipped).First());
    }
}
