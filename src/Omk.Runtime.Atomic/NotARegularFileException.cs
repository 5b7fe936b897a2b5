namespace Omk.Runtime.Atomic;

/// <summary>
/// A path that should hold a regular file holds a folder, a named pipe, a device or a socket, and was not read.
/// </summary>
internal sealed class NotARegularFileException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="NotARegularFileException"/> class.</summary>
    public NotARegularFileException()
        : this(string.Empty, FileKind.Other)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotARegularFileException"/> class with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public NotARegularFileException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="NotARegularFileException"/> class with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NotARegularFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="NotARegularFileException"/> class for a path.</summary>
    /// <param name="filePath">The path.</param>
    /// <param name="kind">What the path holds instead.</param>
    public NotARegularFileException(string filePath, FileKind kind)
        : base($"{filePath} is {Describe(kind)}, not a regular file")
    {
        FilePath = filePath;
        Kind = kind;
    }

    /// <summary>Gets the path that does not hold a regular file.</summary>
    public string FilePath { get; }

    /// <summary>Gets what the path holds instead.</summary>
    public FileKind Kind { get; }

    /// <summary>Names a kind of file for a message, with its article: <c>a named pipe (FIFO)</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The words.</returns>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.RegularFile => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "a special file",
    };
}
