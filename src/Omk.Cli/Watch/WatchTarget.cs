namespace Omk.Cli.Watch;

/// <summary>Which Kimi sessions <c>omk cost watch kimi</c> follows.</summary>
internal enum WatchTarget
{
    /// <summary>The session most recently active as of each reading (never one whose log is dated after now).</summary>
    Latest,

    /// <summary>One session, by its id.</summary>
    Session,

    /// <summary>Every session active in the last 15 minutes, those that start later included.</summary>
    AllActive,
}
