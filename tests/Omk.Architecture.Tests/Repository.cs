namespace Omk.Architecture.Tests;

/// <summary>The repository the tests run from: its root (where <c>Omk.sln</c> is) and its folders.</summary>
internal static class Repository
{
    /// <summary>Gets the repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Joins parts to the repository's root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The C# source files below a folder of the repository, without the build's <c>obj</c> and <c>bin</c>.</summary>
    /// <param name="parts">The folder, from the root.</param>
    /// <returns>Each file's full path and its path from the folder, with <c>/</c> between names.</returns>
    public static IEnumerable<(string Path, string Relative)> SourceFiles(params string[] parts)
    {
        var folder = Combine(parts);
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(folder, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            if (!relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal)
                && !relative.Contains("/obj/", StringComparison.Ordinal) && !relative.Contains("/bin/", StringComparison.Ordinal))
            {
                yield return (file, relative);
            }
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Omk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Omk.sln not found above the test assembly");
    }
}
