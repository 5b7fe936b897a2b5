using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Cost.Adapters.PostgreSql is the team store: the domain's ports over Npgsql, independent of every other
/// adapter, and never seen by the domain.
/// </summary>
public sealed class PostgreSqlAdapterDependencyTests
{
    [Fact]
    public void Domain_ShouldNotDependOn_PostgreSqlAdapter()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(OmkArchitecture.PostgreSqlAdapter)
            .Because("the domain knows stores only by its ports; a database is one adapter's business");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Npgsql()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Npgsql")
            .Because("the domain does no I/O, and a database driver is I/O");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void PostgreSqlAdapter_ShouldNotDependOn_FileSystemAdapter()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.PostgreSqlAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters.FileSystem")
            .Because("adapters are independent of each other and meet only in the domain's ports (the CLI composes the outbox)");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void PostgreSqlAdapter_ShouldNotDependOn_KimiAdapter()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.PostgreSqlAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters.Kimi")
            .Because("adapters are independent of each other and meet only in the domain's ports");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void PostgreSqlAdapter_ShouldNotDependOn_Runtime()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.PostgreSqlAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Runtime")
            .Because("the team store writes no local file; the outbox is the file adapter's");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void PostgreSqlAdapter_ShouldNotDependOn_Cli()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.PostgreSqlAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cli")
            .Because("the adapter is hosted by any composition root, the omk command being only one of them");

        rule.Check(OmkArchitecture.Model);
    }
}
