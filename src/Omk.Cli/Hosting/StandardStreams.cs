using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Omk.Cli.Hosting;

/// <summary>
/// The process's standard streams as plain UTF-8 streams. On Linux and macOS, output and error are written with plain
/// <c>write</c> calls on descriptors 1 and 2 (<see cref="StandardOutputStream"/>): never a terminal set-up (System.Console's
/// stream writes the terminfo's keypad sequence, <c>ESC[?1h ESC=</c>, on its first write to a terminal), always where the
/// shared descriptor stands (a FileStream keeps its own position, so two writers of one file, as with <c>2&gt;&amp;1</c>,
/// would overwrite each other), and a closed output or a pipe whose reader has gone is reported, never dropped.
/// Input, and everything on Windows, goes through the descriptor's FileStream, or System.Console's for a regular file.
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens the standard input.</summary>
    /// <returns>A reader of file descriptor 0.</returns>
    public static TextReader Input() => new StreamReader(Open(0, FileAccess.Read, Console.OpenStandardInput), Utf8, detectEncodingFromByteOrderMarks: false);

    /// <summary>Opens the standard output.</summary>
    /// <returns>A writer of file descriptor 1 that flushes every write.</returns>
    public static TextWriter Output() => Writer(1, Console.OpenStandardOutput);

    /// <summary>Opens the standard error.</summary>
    /// <returns>A writer of file descriptor 2 that flushes every write.</returns>
    public static TextWriter Error() => Writer(2, Console.OpenStandardError);

    private static TextWriter Writer(int descriptor, Func<Stream> console) =>
        TextWriter.Synchronized(new StreamWriter(
            OperatingSystem.IsWindows() ? Open(descriptor, FileAccess.Write, console) : new StandardOutputStream(descriptor),
            Utf8) { AutoFlush = true });

    private static Stream Open(int descriptor, FileAccess access, Func<Stream> console)
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
            if (!stream.CanSeek)
            {
                return stream;
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
