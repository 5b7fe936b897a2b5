namespace Omk.Cost.Application.Runs;

/// <summary>Why a supervisor stopped the command it ran.</summary>
public enum RunStopReason
{
    /// <summary>The run's spend reached what it may spend.</summary>
    Budget,

    /// <summary>The supervisor was interrupted (Ctrl-C, SIGINT or SIGTERM), and passed it on.</summary>
    Interrupted,
}
