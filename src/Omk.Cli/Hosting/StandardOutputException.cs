namespace Omk.Cli.Hosting;

/// <summary>
/// Standard output (or error) could not be written: it is closed, or it is a pipe whose reader has gone (<c>EPIPE</c>).
/// </summary>
internal sealed class StandardOutputException : IOException
{
    /// <summary>The errno of a write to a pipe nobody reads.</summary>
    public const int BrokenPipe = 32;

    /// <summary>Initializes a new instance of the <see cref="StandardOutputException"/> class.</summary>
    /// <param name="descriptor">1 for standard output, 2 for standard error.</param>
    /// <param name="errno">The errno of the failed write.</param>
    /// <param name="reason">The system's words for it.</param>
    public StandardOutputException(int descriptor, int errno, string reason)
        : base($"could not write to standard {(descriptor == 2 ? "error" : "output")}: {reason}", errno)
    {
        IsBrokenPipe = errno == BrokenPipe;
    }

    private StandardOutputException(string message, StandardOutputException cause)
        : base(message, cause)
    {
        HResult = cause.HResult;
        IsBrokenPipe = cause.IsBrokenPipe;
    }

    /// <summary>Gets a value indicating whether the reader of a pipe has gone.</summary>
    public bool IsBrokenPipe { get; }

    /// <summary>
    /// Gets the same failure, saying first what the command had already done to the data, so that a person (or a
    /// script reading standard error) does not take the failed output for a failed command and run it again.
    /// </summary>
    /// <param name="done">What was done: <c>recorded the session in …</c>.</param>
    /// <returns>The failure with its new message; the exit code stays that of the output's failure.</returns>
    public StandardOutputException After(string done) => new($"{done}; {Message}", this);
}
