namespace Omk.Runtime.Atomic;

/// <summary>
/// A <see cref="FileLock"/> was held by another thread or process for longer than the caller would wait.
/// </summary>
internal sealed class FileLockTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance of the <see cref="FileLockTimeoutException"/> class.</summary>
    public FileLockTimeoutException()
        : this(string.Empty, TimeSpan.Zero)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileLockTimeoutException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public FileLockTimeoutException(string message)
        : base(message)
    {
        LockPath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="FileLockTimeoutException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FileLockTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
        LockPath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="FileLockTimeoutException"/> class for a lock file.</summary>
    /// <param name="lockPath">The lock file that stayed held.</param>
    /// <param name="timeout">How long the caller waited.</param>
    public FileLockTimeoutException(string lockPath, TimeSpan timeout)
        : base($"the lock {lockPath} stayed held by another process for {timeout.TotalSeconds:0.###} s")
    {
        LockPath = lockPath;
        Timeout = timeout;
    }

    /// <summary>Gets the lock file that stayed held.</summary>
    public string LockPath { get; }

    /// <summary>Gets how long the caller waited.</summary>
    public TimeSpan Timeout { get; }
}
