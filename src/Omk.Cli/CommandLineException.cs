namespace Omk.Cli;

/// <summary>
/// A command line that parsed but does not make sense, such as two options that exclude each other.
/// The command exits with <see cref="ExitCodes.Usage"/> and writes nothing.
/// </summary>
internal sealed class CommandLineException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CommandLineException"/> class.</summary>
    public CommandLineException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CommandLineException"/> class.</summary>
    /// <param name="message">What is wrong with the command line.</param>
    public CommandLineException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CommandLineException"/> class.</summary>
    /// <param name="message">What is wrong with the command line.</param>
    /// <param name="innerException">The cause.</param>
    public CommandLineException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
