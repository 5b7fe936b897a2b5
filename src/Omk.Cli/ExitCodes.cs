namespace Omk.Cli;

/// <summary>The exit codes of the omk command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: an unreadable store, an I/O error, a lock timeout.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: an unknown flag, a bad number, a negative duration.</summary>
    public const int Usage = 2;

    /// <summary>The spend is over the budget's limit.</summary>
    public const int BudgetExceeded = 3;

    /// <summary>The command was interrupted (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Standard output is a pipe whose reader has gone (128 + SIGPIPE).</summary>
    public const int BrokenPipe = 141;

    /// <summary>The command was asked to stop (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
