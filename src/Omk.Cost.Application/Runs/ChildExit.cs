namespace Omk.Cost.Application.Runs;

/// <summary>How the command a supervisor ran ended: with an exit code, or killed by a signal.</summary>
/// <param name="Code">The exit code, or null when a signal ended the process.</param>
/// <param name="Signal">The number of the signal that ended the process, or null when it exited.</param>
public readonly record struct ChildExit(int? Code, int? Signal)
{
    /// <summary>Gets the exit code a shell would give for this end: the code, or 128 plus the signal's number.</summary>
    public int ShellCode => Code ?? (128 + (Signal ?? 0));
}
