using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Omk.Architecture.Tests;

/// <summary>
/// Omk.Runtime.Atomic is a general file helper over System.IO.Abstractions and knows nothing of costs.
/// </summary>
public sealed class RuntimeAtomicDependencyTests
{
    [Fact]
    public void RuntimeAtomic_ShouldNotDependOn_Cost()
    {
        var rule = Types().That().ResideInAssembly(OmkArchitecture.RuntimeAtomic)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceOrBelow("Omk.Cost")
            .Because("atomic writes and file locks serve the whole omk runtime, not only the cost module");

        rule.Check(OmkArchitecture.Model);
    }
}
