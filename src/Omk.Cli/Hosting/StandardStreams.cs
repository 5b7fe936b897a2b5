using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Omk.Cli.Hosting;

/// <summary>
/// The process's standard streams as plain UTF-8 streams. A terminal or a pipe is written through its file
/// descriptor itself: System.Console's stream sets a terminal up on its first write and writes the terminfo's keypad
/// sequence (<c>ESC[?1h ESC=</c>) to it. A regular file is written through System.Console's stream, which writes where
/// the shared descriptor stands (a FileStream keeps its own position, so two writers of one file, as with
/// <c>2&gt;&amp;1</c>, would overwrite each other); it sets up only a terminal, never the file.
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens the standard input.</summary>
    /// <returns>A reader of file descriptor 0.</returns>
    public static TextReader Input() => new StreamReader(Open(0, FileAccess.Read, Console.OpenStandardInput), Utf8, detectEncodingFromByteOrderMarks: false);

    /// <summary>Opens the standard output.</summary>
    /// <returns>A writer of file descriptor 1 that flushes every write.</returns>
    public static TextWriter Output() => Writer(Open(1, FileAccess.Write, Console.OpenStandardOutput));

    /// <summary>Opens the standard error.</summary>
    /// <returns>A writer of file descriptor 2 that flushes every write.</returns>
    public static TextWriter Error() => Writer(Open(2, FileAccess.Write, Console.OpenStandardError));

    private static TextWriter Writer(Stream stream) =>
        TextWriter.Synchronized(new StreamWriter(stream, Utf8) { AutoFlush = true });

    private static Stream Open(int descriptor, FileAccess access, Func<Stream> console)
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
            if (!stream.CanSeek)
            {
                return access == FileAccess.Write ? new ClosedReaderTolerantStream(stream) : stream;
            }

            stream.Dispose();
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // A closed or unusual descriptor: System.Console knows what to do with it.
        }

        return console();
    }
}
