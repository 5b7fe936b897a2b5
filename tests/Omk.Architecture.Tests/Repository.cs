namespace Omk.Architecture.Tests;

/// <summary>The repository the tests run from: its root (where <c>Omk.sln</c> is) and its folders.</summary>
internal static class Repository
{
    /// <summary>Gets the repository's root folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Joins parts to the repository's root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

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
