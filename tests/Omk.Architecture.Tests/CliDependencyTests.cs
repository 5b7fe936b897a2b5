using ArchUnitNET.xUnit;
using Omk.Cost.Domain;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// The omk command knows stores only through the <see cref="ICostSink"/> port and what adapters publish on purpose.
/// </summary>
public sealed class CliDependencyTests
{
    [Fact]
    public void Cli_ShouldNotDependOn_ConcreteSinks()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Cli)
            .Should().NotDependOnAnyTypesThat().ImplementInterface(typeof(ICostSink))
            .Because("the command reaches a store through the port, so a second store needs no change in the command");

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
