namespace Omk.Cost.Application.Runs;

/// <summary>The port that starts a supervised command in its own process group, with the supervisor's standard streams.</summary>
public interface IChildProcessLauncher
{
    /// <summary>Starts the command.</summary>
    /// <param name="command">What to run.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="ChildStartException">The command could not be started (not found, not executable).</exception>
    IChildProcess Start(ChildCommand command);
}
