using System.Reflection;

namespace Omk.Architecture.Tests;

/// <summary>
/// Classifies the assemblies a project references, for the backstop checks that do not rely on ArchUnitNET.
/// </summary>
internal static class AssemblyReferences
{
    private static readonly string SharedFrameworkDirectory =
        Path.GetDirectoryName(typeof(object).Assembly.Location)
        ?? throw new InvalidOperationException("The shared framework directory is unknown.");

    /// <summary>The assemblies that make up System.IO.Abstractions (its interfaces and its wrappers).</summary>
    private static readonly string[] FileSystemAbstractions =
    [
        "System.IO.Abstractions",
        "TestableIO.System.IO.Abstractions",
        "TestableIO.System.IO.Abstractions.Wrappers",
        "Testably.Abstractions.FileSystem.Interface",
    ];

    /// <summary>
    /// Gets whether an assembly is a System assembly of the .NET shared framework other than the I/O ones.
    /// </summary>
    public static bool IsBclWithoutIo(string name) =>
        (name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib")
        && !name.StartsWith("System.IO", StringComparison.Ordinal)
        && File.Exists(Path.Combine(SharedFrameworkDirectory, name + ".dll"));

    /// <summary>Gets whether an assembly is part of System.IO.Abstractions.</summary>
    public static bool IsFileSystemAbstraction(string name) => FileSystemAbstractions.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// Gets the names of the assemblies <paramref name="assembly"/> references that <paramref name="allowed"/> rejects.
    /// </summary>
    public static IReadOnlyList<string> NotAllowed(Assembly assembly, Func<string, bool> allowed) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(static reference => reference.Name ?? string.Empty)
            .Where(name => !allowed(name))
            .Order(StringComparer.Ordinal)];
}
