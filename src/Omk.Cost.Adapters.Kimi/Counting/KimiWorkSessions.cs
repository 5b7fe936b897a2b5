namespace Omk.Cost.Adapters.Kimi.Counting;

/// <summary>
/// Kimi Work's sessions: its Kimi Code home holds the user's conversations (<c>conv-*</c>) and the app's own calls,
/// billed too: titles (<c>ctitle-*</c>), skill summaries (<c>sklsum-*</c>) and <c>dvlt-*</c>.
/// </summary>
internal static class KimiWorkSessions
{
    private static readonly (string Prefix, string Title)[] Internal =
    [
        ("ctitle-", "Kimi Work: conversation title (the app's own call)"),
        ("sklsum-", "Kimi Work: skill summary (the app's own call)"),
        ("dvlt-", "Kimi Work: dvlt (the app's own call)"),
    ];

    /// <summary>Gets the title that marks one of the app's own sessions, or null for a user's session.</summary>
    /// <param name="sessionId">The session's id (its folder's name).</param>
    /// <returns>The title, or null.</returns>
    public static string? InternalTitle(string sessionId)
    {
        foreach (var (prefix, title) in Internal)
        {
            if (sessionId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return title;
            }
        }

        return null;
    }

    /// <summary>Tells whether a folder is inside a home.</summary>
    /// <param name="home">The home.</param>
    /// <param name="directory">The folder.</param>
    /// <returns><see langword="true"/> when <paramref name="directory"/> is below <paramref name="home"/>.</returns>
    public static bool IsUnder(string home, string directory)
    {
        var root = home.TrimEnd('/', '\\');
        return directory.Length > root.Length + 1
            && directory.StartsWith(root, StringComparison.Ordinal)
            && directory[root.Length] is '/' or '\\';
    }
}
