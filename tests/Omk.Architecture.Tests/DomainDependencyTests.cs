using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Cost.Domain references the BCL only: no I/O, no runtime helpers, no adapters, no host.
/// </summary>
public sealed class DomainDependencyTests
{
    [Fact]
    public void Domain_ShouldNotDependOn_FileSystem()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.IO")
            .Because("the domain does no I/O: storage is the ICostSink adapters' job (System.IO.Abstractions included)");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Json()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.Text.Json")
            .AndShould().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.Text.Encodings.Web")
            .Because("ADR 6: a format is a store's; the Domain carries a session's unknown fields as opaque text that only the stores parse");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_References_NoJsonAssembly()
    {
        var json = OmkArchitecture.Domain.GetReferencedAssemblies()
            .Select(static reference => reference.Name)
            .Where(static name => name is "System.Text.Json" or "System.Text.Encodings.Web");

        Assert.Empty(json);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Runtime()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Runtime")
            .Because("the runtime helpers write files, and the domain does no I/O");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Adapters()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters")
            .Because("adapters depend on the domain's ICostSink port, never the other way round");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Cli()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cli")
            .Because("the command line is the composition root and sits on top of everything");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_MicrosoftExtensions()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Microsoft.Extensions")
            .Because("dependency injection and options are hosting concerns of the file system adapter");

        rule.Check(OmkArchitecture.Model);
    }
}
