using System.Globalization;
using System.IO.Abstractions;
using Omk.Cost.Domain;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// A file omk keeps in the state folder (<c>costs.json</c>, <c>budgets.json</c>, <c>reservations.json</c>), read under
/// the one rule for links and file types of ADR 0009, so that a write never goes through a link into a file that is
/// not a readable document of its kind.
/// </summary>
/// <remarks>
/// Only a regular file is read (the type of the opened handle is checked). A symbolic link is followed only to a
/// regular file that holds something: a link to nothing, to an empty or white-space file, or to anything that is not
/// a regular file is an unreadable document (<see cref="CostFileFormatException"/>, naming both paths), which a caller
/// never writes through. A folder, named pipe, device or socket at the path itself is refused outright
/// (<see cref="CostStoreException"/>): nothing of it can be moved aside safely.
/// </remarks>
/// <param name="fileSystem">The file system of the state folder.</param>
/// <param name="path">The file's full path.</param>
/// <param name="document">What the file holds, for messages: <c>cost history</c>, <c>list of budgets</c>.</param>
/// <param name="emptyWords">What an empty file behind a link lacks, for messages: <c>JSON array</c>.</param>
internal sealed class StateFile(IFileSystem fileSystem, string path, string document, string emptyWords)
{
    /// <summary>Gets the file's full path.</summary>
    public string Path => path;

    /// <summary>Gets what the file holds, for messages: <c>cost history</c>.</summary>
    public string Document => document;

    /// <summary>Gets a value indicating whether bytes hold nothing but white space (after a byte order mark): an empty document.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns><see langword="true"/> when the bytes are an empty document.</returns>
    public static bool HoldsNothing(ReadOnlySpan<byte> bytes) =>
        (bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes).IndexOfAnyExcept(" \t\r\n"u8) < 0;

    /// <summary>Gets what the path links to, when it is a symbolic link.</summary>
    /// <returns>The link's target as written in the link, or null.</returns>
    public string? LinkTarget() => fileSystem.FileInfo.New(path).LinkTarget;

    /// <summary>Opens the file for reading under the rule.</summary>
    /// <param name="bufferSize">The stream's buffer, in bytes (1 for none).</param>
    /// <param name="options">How the file is read.</param>
    /// <returns>The open stream, or null when nothing (not even a link) is at the path.</returns>
    /// <exception cref="CostFileFormatException">The path is a link to nothing or to what is not a regular file.</exception>
    /// <exception cref="CostStoreException">The path itself is not a regular file.</exception>
    public FileSystemStream? OpenRead(int bufferSize, FileOptions options = FileOptions.None)
    {
        try
        {
            return RegularFile.OpenRead(fileSystem, path, bufferSize, options);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return LinkTarget() is { } missing
                ? throw Unreadable($"it is a symbolic link to {missing}, which does not exist")
                : null;
        }
        catch (NotARegularFileException exception)
        {
            throw LinkTarget() is { } target
                ? Unreadable($"it is a symbolic link to {target}, which is {NotARegularFileException.Describe(exception.Kind)}, not a regular file", exception)
                : new CostStoreException($"{path} is {NotARegularFileException.Describe(exception.Kind)}, not a regular file: a {document} is kept only in a regular file; move it away and retry", exception);
        }
    }

    /// <summary>Reads the whole file under the rule.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The bytes; empty when nothing is at the path.</returns>
    /// <exception cref="CostFileFormatException">The file breaks the rule, is empty behind a link, or is larger than an array can hold.</exception>
    /// <exception cref="CostStoreException">The path itself is not a regular file.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public async Task<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        var stream = OpenRead(bufferSize: 1);
        if (stream is null)
        {
            return [];
        }

        using (stream)
        {
            if (stream.Length > Array.MaxLength)
            {
                throw Unreadable(string.Create(
                    CultureInfo.InvariantCulture,
                    $"it holds {stream.Length} bytes, more than the {Array.MaxLength} (2 GiB) a {document} can hold"));
            }

            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);

            // An empty file is an empty document in the folder, but behind a link it may be anything's: never write there.
            if (HoldsNothing(bytes) && LinkTarget() is { } target)
            {
                throw Unreadable($"it is a symbolic link to {target}, which holds no {emptyWords}");
            }

            return bytes;
        }
    }

    /// <summary>Makes the error of a file that is not a readable document of its kind.</summary>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The cause.</param>
    /// <returns>The error, naming the file.</returns>
    public CostFileFormatException Unreadable(string reason, Exception? innerException = null) =>
        new(path, document, null, null, reason, innerException);
}
