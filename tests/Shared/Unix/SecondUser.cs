namespace Omk.Tests.Unix;

/// <summary>
/// A second Unix user, <c>omk-test</c>, created once (idempotently, without a home folder) when the tests run as root.
/// Use it only from a <see cref="RootFactAttribute"/> test.
/// </summary>
public sealed class SecondUser
{
    public const string Name = "omk-test";

    private static readonly Lazy<SecondUser> Instance = new(Create);

    private SecondUser(int uid, int gid)
    {
        Uid = uid;
        Gid = gid;
    }

    public static SecondUser Get => Instance.Value;

    public int Uid { get; }

    public int Gid { get; }

    /// <summary>Gets the arguments that run a program as this user, without root's groups: <c>setpriv … --</c>.</summary>
    public string[] RunAs => ["--reuid", Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--regid", Gid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--clear-groups", "--"];

    private static SecondUser Create()
    {
        if (Unix.Run("id", "-u", Name).ExitCode != 0)
        {
            // Another test process may create it at the same moment: a second useradd fails, and id then finds it.
            _ = Unix.Run("useradd", "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", Name);
        }

        var uid = Unix.Run("id", "-u", Name);
        var gid = Unix.Run("id", "-g", Name);
        return uid.ExitCode == 0 && gid.ExitCode == 0
            ? new SecondUser(int.Parse(uid.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture), int.Parse(gid.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture))
            : throw new InvalidOperationException($"could not create the user {Name}: {uid.Error}");
    }
}
