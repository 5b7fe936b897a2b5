namespace Omk.Cost.Application.Runs;

/// <summary>A command started by an <see cref="IChildProcessLauncher"/>, in a process group of its own.</summary>
public interface IChildProcess : IDisposable
{
    /// <summary>Gets the process id, which is also the id of its process group.</summary>
    int ProcessId { get; }

    /// <summary>Gets a task that completes when the process has ended, with how it ended.</summary>
    Task<ChildExit> Exited { get; }

    /// <summary>
    /// Sends a signal to the process group (the command and every process it started that stayed in its group); never
    /// to a process found by name. A group that has ended is not signalled.
    /// </summary>
    /// <param name="signal">The signal.</param>
    void Signal(RunSignal signal);
}
