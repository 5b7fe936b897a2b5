using System.IO.Abstractions;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Finds the folder of omk's state, the same way the Rust omk does.
/// </summary>
internal static class OmkStateDirectory
{
    /// <summary>The variable that names the state folder directly.</summary>
    public const string StateDirVariable = "OMK_STATE_DIR";

    /// <summary>The XDG variable under which omk keeps an <c>omk</c> folder.</summary>
    public const string XdgStateHomeVariable = "XDG_STATE_HOME";

    /// <summary>
    /// Resolves the state folder: <paramref name="explicitDirectory"/> if given, else <c>$OMK_STATE_DIR</c>,
    /// else <c>$XDG_STATE_HOME/omk</c>, else <c>~/.local/state/omk</c>. Empty variables count as unset.
    /// </summary>
    /// <param name="explicitDirectory">A folder given explicitly, such as a <c>--state-dir</c> argument.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <param name="homeDirectory">The user's home folder.</param>
    /// <returns>The state folder.</returns>
    public static string Resolve(string? explicitDirectory, Func<string, string?> getEnvironmentVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            return explicitDirectory;
        }

        if (getEnvironmentVariable(StateDirVariable) is { Length: > 0 } stateDir)
        {
            return stateDir;
        }

        if (getEnvironmentVariable(XdgStateHomeVariable) is { Length: > 0 } xdgStateHome)
        {
            return Path.Join(xdgStateHome, "omk");
        }

        return Path.Join(homeDirectory, ".local", "state", "omk");
    }

    /// <summary>
    /// Resolves the state folder from this process's environment and the user's home folder.
    /// </summary>
    /// <param name="explicitDirectory">A folder given explicitly, or null.</param>
    /// <returns>The state folder.</returns>
    public static string Resolve(string? explicitDirectory = null) =>
        Resolve(explicitDirectory, Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// Refuses a state folder that another user could turn against this one, the same way for every command: it must be
    /// a folder, owned by this user (root may use any user's), and writable by nobody else unless it is sticky and the
    /// user's (<c>--insecure-state-dir</c> turns the owner and mode checks off, never the type check). A folder that does
    /// not exist yet passes: omk creates it for its owner alone.
    /// </summary>
    /// <param name="fileSystem">The file system; only the real disk of Linux and macOS is checked.</param>
    /// <param name="directory">The state folder.</param>
    /// <param name="insecure">Whether the owner and mode checks are off.</param>
    /// <exception cref="CostStoreException">The folder is not a folder, or not safe; the message says how to fix it.</exception>
    public static void Check(IFileSystem fileSystem, string directory, bool insecure)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        StateDirectoryCheck.Ensure(fileSystem, fileSystem.Path.GetFullPath(directory), insecure);
    }
}
