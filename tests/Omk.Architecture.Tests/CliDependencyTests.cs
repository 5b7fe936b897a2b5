using ArchUnitNET.xUnit;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// The omk command knows stores only through the use cases, the Domain's ports and the composition call
/// (docs/design.md, "Composition").
/// </summary>
public sealed class CliDependencyTests
{
    [Fact]
    public void Cli_ShouldNotDependOn_ConcreteStores()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Cli)
            .Should().NotDependOnAnyTypesThat().ImplementInterface(typeof(ICostSink))
            .AndShould().NotDependOnAnyTypesThat().ImplementInterface(typeof(IBudgetStore))
            .AndShould().NotDependOnAnyTypesThat().ImplementInterface(typeof(ICostOutbox))
            .AndShould().NotDependOnAnyTypesThat().ImplementInterface(typeof(ICostStoreMaintenance))
            .Because("docs/design.md, Composition: the command reaches stores only through the use cases and the Domain's ports, composed by one AddOmkCost call");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Cli_ShouldNotDependOn_FileStoreSerialization()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Cli)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters.FileSystem.Serialization")
            .Because("the command's --json documents are its own, not the costs.json schema of one store");

        rule.Check(OmkArchitecture.Model);
    }
}
