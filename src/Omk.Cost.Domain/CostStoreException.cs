namespace Omk.Cost.Domain;

/// <summary>
/// The cost store could not be read or written. The message says what went wrong and names the store.
/// </summary>
public class CostStoreException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CostStoreException"/> class.</summary>
    public CostStoreException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CostStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CostStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
