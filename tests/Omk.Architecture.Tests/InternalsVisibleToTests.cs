using System.Reflection;
using System.Runtime.CompilerServices;

namespace Omk.Architecture.Tests;

/// <summary>
/// A project's internals are opened on purpose only: to the named sibling src projects of
/// docs/decisions/0015-internals-shared-with-named-siblings.md, and to this repository's test and benchmark projects.
/// </summary>
public sealed class InternalsVisibleToTests
{
    /// <summary>
    /// The sibling grants of the decision record, by granting assembly. A new one is a decision: change the record, the
    /// project file and this list together.
    /// </summary>
    private static readonly Dictionary<string, string[]> SiblingGrants = new(StringComparer.Ordinal)
    {
        ["Omk.Cost.Domain"] = ["Omk.Cost.Application", "Omk.Cost.Adapters.FileSystem", "Omk.Cost.Adapters.Kimi", "Omk.Cost.Adapters.PostgreSql", "omk"],
        ["Omk.Runtime.Atomic"] = ["Omk.Cost.Adapters.FileSystem", "Omk.Cost.Adapters.Kimi", "omk"],
        ["Omk.Cost.Adapters.FileSystem"] = ["omk"],
        ["Omk.Cost.Adapters.PostgreSql"] = ["omk"],
        ["Omk.Cost.Adapters.Kimi"] = ["omk"],
        ["Omk.Cost.Application"] = ["Omk.Cost.Adapters.FileSystem", "Omk.Cost.Adapters.PostgreSql", "Omk.Cost.Adapters.Kimi", "omk"],
        ["omk"] = [],
    };

    private static readonly HashSet<string> SrcNames = [.. OmkArchitecture.All.Select(static assembly => assembly.GetName().Name!)];

    public static TheoryData<string> SrcAssemblies => new(OmkArchitecture.All.Select(static assembly => assembly.GetName().Name!));

    [Theory]
    [MemberData(nameof(SrcAssemblies))]
    public void SrcProject_ShouldGrantInternalsToSiblings_OnlyTheDecisionsNamed(string assemblyName)
    {
        var grantedToSrc = Granted(assemblyName).Where(SrcNames.Contains).Order(StringComparer.Ordinal);

        Assert.Equal(SiblingGrants[assemblyName].Order(StringComparer.Ordinal), grantedToSrc);
    }

    [Theory]
    [MemberData(nameof(SrcAssemblies))]
    public void SrcProject_ShouldGrantInternalsOtherwise_OnlyToTestAndBenchmarkProjects(string assemblyName)
    {
        var other = Granted(assemblyName)
            .Where(static name => !SrcNames.Contains(name))
            .Where(static name => !File.Exists(Repository.Combine("tests", name, name + ".csproj"))
                && !File.Exists(Repository.Combine("bench", name, name + ".csproj")));

        Assert.Empty(other);
    }

    private static IEnumerable<string> Granted(string assemblyName) =>
        OmkArchitecture.All.Single(assembly => assembly.GetName().Name == assemblyName)
            .GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(static attribute => attribute.AssemblyName.Split(',')[0].Trim());
}
