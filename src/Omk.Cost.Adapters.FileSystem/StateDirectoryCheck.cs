using System.Globalization;
using System.IO.Abstractions;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Refuses a state folder another user could turn against this one, like OpenSSH's <c>StrictModes</c>: it must be
/// a folder, owned by this user (root may use any user's), and writable by nobody else unless it is sticky.
/// </summary>
internal static class StateDirectoryCheck
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
    private const string HowToAllow = "or, if it must be shared, turn this check off with --insecure-state-dir (OmkCostOptions.InsecureStateDirectory)";

    /// <summary>Checks the folder when it exists on the real disk of Linux or macOS.</summary>
    /// <param name="fileSystem">The file system; only the real disk is checked.</param>
    /// <param name="directory">The state folder.</param>
    /// <param name="insecure">Whether ownership and permissions are not to be checked (the type always is).</param>
    /// <exception cref="CostStoreException">The folder is not a folder, or not safe.</exception>
    public static void Ensure(IFileSystem fileSystem, string directory, bool insecure)
    {
        if (fileSystem is not System.IO.Abstractions.FileSystem)
        {
            return;
        }

        if (UnixFile.GetStatus(directory, followLinks: true) is not { } status)
        {
            return;
        }

        if (status.Kind != FileKind.Directory)
        {
            throw new CostStoreException(
                $"the state folder {directory} is {NotARegularFileException.Describe(status.Kind)}, not a folder: point --state-dir or {OmkStateDirectory.StateDirVariable} at a folder");
        }

        if (insecure)
        {
            return;
        }

        var user = UnixFile.EffectiveUserId!.Value;
        if (user != 0 && status.OwnerId != user)
        {
            throw new CostStoreException(
                $"the state folder {directory} belongs to user {status.OwnerId}, not to you (user {user}): another user could read or block your cost history; use a folder of your own, {HowToAllow}");
        }

        var sticky = (status.Mode & UnixFileMode.StickyBit) != 0 && status.OwnerId == user;
        if ((status.Mode & WritableByOthers) != 0 && !sticky)
        {
            var who = (status.Mode & WritableByOthers) == WritableByOthers ? "its group and others"
                : (status.Mode & UnixFileMode.GroupWrite) != 0 ? "its group" : "others";
            var mode = Convert.ToString((int)status.Mode, 8).PadLeft(4, '0');
            throw new CostStoreException(string.Create(
                CultureInfo.InvariantCulture,
                $"the state folder {directory} can be written by {who} (mode {mode}): another user could replace your cost history; run 'chmod go-w {directory}', {HowToAllow}"));
        }
    }
}
