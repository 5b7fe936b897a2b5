using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Cost.Adapters.FileSystem may use the domain, the atomic helper, System.IO.Abstractions and the
/// Microsoft.Extensions hosting abstractions, but neither the command line nor another adapter.
/// </summary>
public sealed class FileSystemAdapterDependencyTests
{
    [Fact]
    public void FileSystemAdapter_ShouldNotDependOn_Cli()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.FileSystemAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cli")
            .Because("the adapter is hosted by any composition root, the omk command being only one of them");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void FileSystemAdapter_ShouldNotDependOn_KimiAdapter()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.FileSystemAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters.Kimi")
            .Because("adapters are independent of each other and meet only in the domain's port");

        rule.Check(OmkArchitecture.Model);
    }
}
