using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// A file of the state folder (the cost history, the budgets, the reservations) is not valid JSON, not of its shape, or
/// not a file that may be read or written (ADR 0009). It is never overwritten by a record.
/// </summary>
public sealed class CostFileFormatException : CostStoreException
{
    private const string CostHistory = "cost history";

    /// <summary>Initializes a new instance of the <see cref="CostFileFormatException"/> class.</summary>
    public CostFileFormatException()
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostFileFormatException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public CostFileFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostFileFormatException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CostFileFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="CostFileFormatException"/> class for a position in a file.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="line">The line (from 1) where the file stopped making sense, if known.</param>
    /// <param name="column">The byte in that line (from 1), if known.</param>
    /// <param name="reason">What was wrong there.</param>
    /// <param name="innerException">The cause.</param>
    public CostFileFormatException(string filePath, long? line, long? column, string reason, Exception? innerException = null)
        : this(filePath, CostHistory, line, column, reason, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CostFileFormatException"/> class for a position in a file of another kind.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="document">What the file should hold, for the message: <c>cost history</c>, <c>list of budgets</c>.</param>
    /// <param name="line">The line (from 1) where the file stopped making sense, if known.</param>
    /// <param name="column">The byte in that line (from 1), if known.</param>
    /// <param name="reason">What was wrong there.</param>
    /// <param name="innerException">The cause.</param>
    public CostFileFormatException(string filePath, string document, long? line, long? column, string reason, Exception? innerException = null)
        : base(Describe(filePath, document, line, column, reason), innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Gets the file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>Gets the line (from 1) where the file stopped making sense, if known.</summary>
    public long? Line { get; }

    /// <summary>Gets the byte in <see cref="Line"/> (from 1) where the file stopped making sense, if known.</summary>
    public long? Column { get; }

    /// <summary>Gets what was wrong at that position.</summary>
    public string? Reason { get; }

    private static string Describe(string filePath, string document, long? line, long? column, string reason)
    {
        var where = line is { } l
            ? column is { } c ? $" at line {l}, column {c}" : $" at line {l}"
            : string.Empty;
        return $"{filePath} is not a readable {document}{where}: {reason}";
    }
}
