namespace Omk.Architecture.Tests;

/// <summary>
/// A backstop to the ArchUnitNET rules: each project's referenced assemblies, checked against an allow-list
/// drawn from the table of projects of docs/design.md.
/// </summary>
public sealed class ReferencedAssembliesTests
{
    [Fact]
    public void Domain_References_OnlyTheBclWithoutIo()
    {
        var notAllowed = AssemblyReferences.NotAllowed(OmkArchitecture.Domain, AssemblyReferences.IsBclWithoutIo);

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void Application_References_OnlyTheDomainAndTheDiAndOptionsAbstractions()
    {
        // docs/design.md, "Layers and projects": the use cases and the composition builder over the Domain's ports.
        string[] allowed =
        [
            "Omk.Cost.Domain",
            "Microsoft.Extensions.DependencyInjection.Abstractions",
            "Microsoft.Extensions.Options",
        ];

        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.Application,
            name => AssemblyReferences.IsBclWithoutIo(name) || allowed.Contains(name, StringComparer.Ordinal));

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void RuntimeAtomic_References_OnlyTheBclAndFileSystemAbstractions()
    {
        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.RuntimeAtomic,
            static name => AssemblyReferences.IsBclWithoutIo(name) || AssemblyReferences.IsFileSystemAbstraction(name));

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void FileSystemAdapter_References_OnlyDomainRuntimeAbstractionsAndHostingPackages()
    {
        string[] hosting =
        [
            "Microsoft.Extensions.DependencyInjection.Abstractions",
            "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Options.ConfigurationExtensions",
            "Microsoft.Extensions.Configuration",
            "Microsoft.Extensions.Configuration.Abstractions",
            "Microsoft.Extensions.Configuration.Binder",
            "Microsoft.Extensions.Primitives",
        ];

        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.FileSystemAdapter,
            name => AssemblyReferences.IsBclWithoutIo(name)
                || AssemblyReferences.IsFileSystemAbstraction(name)
                || name is "Omk.Cost.Domain" or "Omk.Cost.Application" or "Omk.Runtime.Atomic"

                // the spend summary's checksum and the hash that ties it to the bytes of costs.json
                || name is "System.IO.Hashing"
                || hosting.Contains(name, StringComparer.Ordinal));

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void KimiAdapter_References_OnlyTheDomainTheBuilderFileSystemAbstractionsTheTomlLibraryHashingAndTheAtomicFiles()
    {
        // docs/design.md: the Kimi adapter depends on the domain, System.IO.Abstractions and a TOML library (Tomlyn, ADR 5);
        // its incremental index hashes with System.IO.Hashing (ADR 8); Runtime.Atomic for the check that a log is a
        // regular file (ADR 9) and the index's atomic writes (ADR 8); the composition builder that AddKimiUsage extends,
        // with the DI and Options abstractions (docs/decisions/0016-the-usage-port-in-the-domain.md).
        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.KimiAdapter,
            static name => AssemblyReferences.IsBclWithoutIo(name)
                || AssemblyReferences.IsFileSystemAbstraction(name)
                || name is "Omk.Cost.Domain" or "Omk.Cost.Application" or "Tomlyn" or "System.IO.Hashing" or "Omk.Runtime.Atomic"
                    or "Microsoft.Extensions.DependencyInjection.Abstractions" or "Microsoft.Extensions.Options");

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void PostgreSqlAdapter_References_OnlyTheDomainNpgsqlAndHostingPackages()
    {
        string[] allowed =
        [
            "Omk.Cost.Domain",

            // the composition builder that UsePostgreSql extends (docs/decisions/0013-use-cases-in-an-application-project.md)
            "Omk.Cost.Application",
            "Npgsql",
            "Microsoft.Extensions.DependencyInjection.Abstractions",
            "Microsoft.Extensions.Options",
        ];

        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.PostgreSqlAdapter,
            name => AssemblyReferences.IsBclWithoutIo(name) || allowed.Contains(name, StringComparer.Ordinal));

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void Cli_References_OnlyOmkAndTheLibrariesBelowIt()
    {
        var notAllowed = AssemblyReferences.NotAllowed(
            OmkArchitecture.Cli,
            static name => AssemblyReferences.IsBclWithoutIo(name)
                || AssemblyReferences.IsFileSystemAbstraction(name)
                || name.StartsWith("Omk.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || name is "System.CommandLine" or "Spectre.Console" or "Spectre.Console.Ansi"

                // watch kimi: the change notifications' filter type (the watcher itself comes through IFileSystem),
                // and the error of an --on-exceed shell that could not be started.
                || name is "System.IO.FileSystem.Watcher" or "Microsoft.Win32.Primitives");

        Assert.Empty(notAllowed);
    }

    [Fact]
    public void IsBclWithoutIo_SystemIoAbstractions_IsFalse()
    {
        Assert.False(AssemblyReferences.IsBclWithoutIo("System.IO.Abstractions"));
    }

    [Fact]
    public void IsBclWithoutIo_SystemRuntime_IsTrue()
    {
        Assert.True(AssemblyReferences.IsBclWithoutIo("System.Runtime"));
    }

    [Fact]
    public void IsBclWithoutIo_PackageNamedLikeSystem_IsFalse()
    {
        Assert.False(AssemblyReferences.IsBclWithoutIo("System.CommandLine"));
    }
}
