namespace Omk.Cost.Application.Runs;

/// <summary>The exception thrown when a supervised command cannot be started.</summary>
public sealed class ChildStartException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChildStartException"/> class.</summary>
    public ChildStartException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChildStartException"/> class with a message.</summary>
    /// <param name="message">What went wrong, naming the command.</param>
    public ChildStartException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChildStartException"/> class with a message and a cause.</summary>
    /// <param name="message">What went wrong, naming the command.</param>
    /// <param name="innerException">The cause.</param>
    public ChildStartException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
