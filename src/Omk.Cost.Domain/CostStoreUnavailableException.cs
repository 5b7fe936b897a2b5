namespace Omk.Cost.Domain;

/// <summary>
/// The cost store could not be reached (its server is down, unreachable, or did not answer in time), so nothing
/// was written. Unlike other <see cref="CostStoreException"/>s, trying again later may succeed.
/// </summary>
public class CostStoreUnavailableException : CostStoreException
{
    /// <summary>Initializes a new instance of the <see cref="CostStoreUnavailableException"/> class.</summary>
    public CostStoreUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreUnavailableException"/> class with a message.</summary>
    /// <param name="message">What went wrong; it names the store.</param>
    public CostStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreUnavailableException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong; it names the store.</param>
    /// <param name="innerException">The cause.</param>
    public CostStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
