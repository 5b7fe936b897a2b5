using System.Reflection;
using System.Runtime.CompilerServices;

namespace Omk.Architecture.Tests;

/// <summary>
/// A project's internals are its own: a src project opens them to its tests and the benchmarks, never to another
/// src project, which must go through what the project chooses to make public.
/// </summary>
public sealed class InternalsVisibleToTests
{
    public static TheoryData<string> SrcAssemblies => new(OmkArchitecture.All.Select(static assembly => assembly.GetName().Name!));

    [Theory]
    [MemberData(nameof(SrcAssemblies))]
    public void SrcProject_ShouldNotGrantInternalsVisibleTo_AnotherSrcProject(string assemblyName)
    {
        var srcNames = OmkArchitecture.All.Select(static assembly => assembly.GetName().Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var grantedToSrc = Granted(assemblyName).Where(srcNames.Contains);

        Assert.Empty(grantedToSrc);
    }

    [Theory]
    [MemberData(nameof(SrcAssemblies))]
    public void SrcProject_ShouldGrantInternalsVisibleTo_OnlyTestsAndBenchmarks(string assemblyName)
    {
        var other = Granted(assemblyName).Where(static name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Omk.Benchmarks");

        Assert.Empty(other);
    }

    private static IEnumerable<string> Granted(string assemblyName) =>
        OmkArchitecture.All.Single(assembly => assembly.GetName().Name == assemblyName)
            .GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(static attribute => attribute.AssemblyName.Split(',')[0].Trim());
}
