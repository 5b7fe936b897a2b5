using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Omk.Cli.Hosting;

/// <summary>
/// The process's standard streams as plain UTF-8 streams over file descriptors 0, 1 and 2, written through
/// without a terminal set-up, so that nothing but the command's own text reaches a terminal.
/// </summary>
internal static class StandardStreams
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens the standard input.</summary>
    /// <returns>A reader of file descriptor 0.</returns>
    public static TextReader Input() => new StreamReader(Open(0, FileAccess.Read), Utf8, detectEncodingFromByteOrderMarks: false);

    /// <summary>Opens the standard output.</summary>
    /// <returns>A writer of file descriptor 1 that flushes every write.</returns>
    public static TextWriter Output() => Writer(1);

    /// <summary>Opens the standard error.</summary>
    /// <returns>A writer of file descriptor 2 that flushes every write.</returns>
    public static TextWriter Error() => Writer(2);

    private static TextWriter Writer(int descriptor) =>
        TextWriter.Synchronized(new StreamWriter(Open(descriptor, FileAccess.Write), Utf8) { AutoFlush = true });

    private static FileStream Open(int descriptor, FileAccess access) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
}
