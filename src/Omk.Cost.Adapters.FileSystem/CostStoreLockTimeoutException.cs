using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Another process held the cost store's lock for longer than <see cref="OmkCostOptions.LockTimeout"/>. Nothing was written.
/// </summary>
public sealed class CostStoreLockTimeoutException : CostStoreException
{
    /// <summary>Initializes a new instance of the <see cref="CostStoreLockTimeoutException"/> class.</summary>
    public CostStoreLockTimeoutException()
    {
        LockFilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreLockTimeoutException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CostStoreLockTimeoutException(string message)
        : base(message)
    {
        LockFilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreLockTimeoutException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CostStoreLockTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
        LockFilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostStoreLockTimeoutException"/> class for a lock file.</summary>
    /// <param name="lockFilePath">The lock file that stayed held.</param>
    /// <param name="timeout">How long the record waited.</param>
    /// <param name="innerException">The cause.</param>
    public CostStoreLockTimeoutException(string lockFilePath, TimeSpan timeout, Exception? innerException)
        : base(
            $"could not lock the cost history: {lockFilePath} stayed locked by another omk process for {timeout.TotalSeconds:0.###} s; nothing was written",
            innerException)
    {
        LockFilePath = lockFilePath;
        Timeout = timeout;
    }

    /// <summary>Gets the lock file that stayed held.</summary>
    public string LockFilePath { get; }

    /// <summary>Gets how long the record waited.</summary>
    public TimeSpan Timeout { get; }
}
