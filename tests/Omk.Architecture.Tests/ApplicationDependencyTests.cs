using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Cost.Application holds the use cases: it depends on the Domain (and the DI and Options abstractions) only, so
/// that the command and a host get the same behaviour from it (docs/design.md, "Layers and projects").
/// </summary>
public sealed class ApplicationDependencyTests
{
    [Fact]
    public void Application_ShouldNotDependOn_Adapters()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Application)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters")
            .Because("docs/design.md: the use cases reach stores and logs only through the Domain's ports; adapters extend the builder, not the reverse");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Application_ShouldNotDependOn_Runtime()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Application)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Runtime")
            .Because("docs/design.md: a use case does no I/O of its own; files are an adapter's business");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Application_ShouldNotDependOn_Cli()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Application)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(OmkArchitecture.Cli)
            .Because("docs/design.md: the command is one caller of the use cases among others, and a host must not need it");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Application_ShouldNotDependOn_SystemIo()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Application)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("System.IO")
            .Because("docs/design.md: a use case does no I/O of its own");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void Domain_ShouldNotDependOn_Application()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.Domain)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(OmkArchitecture.Application)
            .Because("docs/design.md: the rules and the ports are below the use cases that order them");

        rule.Check(OmkArchitecture.Model);
    }
}
