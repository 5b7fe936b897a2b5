namespace Omk.Cli.Hosting;

/// <summary>
/// The one home of the names of the environment variables the omk command reads or sets. The state folder's own
/// (<c>OMK_STATE_DIR</c>, <c>XDG_STATE_HOME</c>) live with the folder's rule in the file-system adapter
/// (<c>OmkStateDirectory</c>), and Kimi's with the Kimi adapter.
/// </summary>
internal static class EnvironmentVariables
{
    /// <summary>The default team store (<c>--store</c>).</summary>
    public const string Store = "OMK_COST_STORE";

    /// <summary>The name of this machine in the team store (default: the host name).</summary>
    public const string HostName = "OMK_HOSTNAME";

    /// <summary>The default time zone (<c>--tz</c>).</summary>
    public const string TimeZone = "OMK_TZ";

    /// <summary>How long a command waits for another omk process that holds the store's lock.</summary>
    public const string LockTimeout = "OMK_LOCK_TIMEOUT";

    /// <summary>How long <c>omk cost status</c> waits for a team store before it answers from its cache.</summary>
    public const string StatusTimeout = "OMK_STATUS_TIMEOUT";

    /// <summary>Set to <c>1</c>, errors show their stack trace.</summary>
    public const string Debug = "OMK_DEBUG";

    /// <summary>Set for the <c>--on-exceed</c> command: the id of the Kimi session that went over its limit.</summary>
    public const string ExceededSession = "OMK_SESSION_ID";

    /// <summary>Set for the <c>--on-exceed</c> command: what the session spent.</summary>
    public const string ExceededSpent = "OMK_SPENT_USD";

    /// <summary>Set for the <c>--on-exceed</c> command: the limit it went over.</summary>
    public const string ExceededLimit = "OMK_LIMIT_USD";

    /// <summary>The team store's password when its address has none (libpq's).</summary>
    public const string Password = "PGPASSWORD";

    /// <summary>The password file (libpq's; default <c>~/.pgpass</c>).</summary>
    public const string PasswordFile = "PGPASSFILE";

    /// <summary>The working folder, set for the command that <c>omk cost run</c> starts.</summary>
    public const string WorkingDirectory = "PWD";

    /// <summary>The terminal's width when the terminal does not say.</summary>
    public const string Columns = "COLUMNS";

    /// <summary>Any value but <c>0</c> colours the output even off a terminal.</summary>
    public const string ForceColor = "FORCE_COLOR";

    /// <summary>Any value turns colour off.</summary>
    public const string NoColor = "NO_COLOR";

    /// <summary>The terminal's kind; <c>dumb</c> turns colour off.</summary>
    public const string Terminal = "TERM";
}
