using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Cost.Adapters.Kimi reads Kimi session logs into the domain's types and depends on nothing else of omk.
/// </summary>
public sealed class KimiAdapterDependencyTests
{
    [Fact]
    public void KimiAdapter_ShouldNotDependOn_FileSystemAdapter()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.KimiAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost.Adapters.FileSystem")
            .Because("adapters are independent of each other and meet only in the domain's port");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void KimiAdapter_ShouldNotDependOn_RuntimeLocks()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.KimiAdapter)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Omk.Runtime")
                .And().DoNotHaveName(nameof(Runtime.Atomic.RegularFile))
                .And().DoNotHaveName(nameof(Runtime.Atomic.NotARegularFileException))
                .And().DoNotHaveName(nameof(Runtime.Atomic.FileKind))
                .And().DoNotHaveName(nameof(Runtime.Atomic.FileStamp))
                .And().DoNotHaveName(nameof(Runtime.Atomic.FileStamps))
                .And().DoNotHaveName(nameof(Runtime.Atomic.AtomicFileWriter))
                .And().DoNotHaveName(nameof(Runtime.Atomic.PrivateFolder)))
            .Because("the Kimi adapter reads logs, through the one check that they are regular files and the stamps that tell they changed, and writes only its own index, whole files replaced atomically in a folder it has checked is its owner's alone (docs/decisions/0008-kimi-incremental-index.md); it never takes the cost store's lock");

        rule.Check(OmkArchitecture.Model);
    }

    [Fact]
    public void KimiAdapter_ShouldNotDependOn_Cli()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.KimiAdapter)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cli")
            .Because("the command line is the composition root and sits on top of everything");

        rule.Check(OmkArchitecture.Model);
    }
}
