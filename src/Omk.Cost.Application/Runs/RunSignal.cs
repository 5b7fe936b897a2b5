namespace Omk.Cost.Application.Runs;

/// <summary>The signals a supervisor sends to the process group of the command it runs, in the order it escalates.</summary>
public enum RunSignal
{
    /// <summary>SIGINT: asks the command to stop as Ctrl-C does.</summary>
    Interrupt,

    /// <summary>SIGTERM: tells the command to end, after it let an interrupt pass for the grace.</summary>
    Terminate,

    /// <summary>SIGKILL: ends the command, after it let a termination pass for the grace.</summary>
    Kill,
}
