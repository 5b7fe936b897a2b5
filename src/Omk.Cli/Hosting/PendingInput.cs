using System.Runtime.InteropServices;
using System.Text;

namespace Omk.Cli.Hosting;

/// <summary>
/// Reads what is already on omk's standard input (file descriptor 0), or comes within a short wait, and never waits for
/// more: for a status line whose host (Kimi Code) writes a JSON document and may or may not close the pipe.
/// </summary>
internal static unsafe partial class PendingInput
{
    /// <summary>The most that is read: a status line's document is far smaller.</summary>
    public const int MaxBytes = 64 * 1024;

    private const short PollIn = 0x001;
    private const int StandardInput = 0;

    /// <summary>Reads what standard input holds now or within <paramref name="wait"/>, up to its end or <see cref="MaxBytes"/>.</summary>
    /// <param name="wait">How long to wait for the first bytes, and for each further chunk.</param>
    /// <returns>The text read; empty when nothing came.</returns>
    public static string Read(TimeSpan wait)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return string.Empty;
        }

        var milliseconds = (int)Math.Clamp(wait.TotalMilliseconds, 0, 1000);
        var buffer = new byte[MaxBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var poll = new PollDescriptor { Descriptor = StandardInput, Events = PollIn };
            if (Poll(&poll, 1, milliseconds) <= 0)
            {
                break; // Nothing more within the wait (or an error): what came is all there is.
            }

            nint read;
            fixed (byte* at = &buffer[length])
            {
                read = ReadNative(StandardInput, at, buffer.Length - length);
            }

            if (read <= 0)
            {
                break; // The end of the input, or it cannot be read.
            }

            length += (int)read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollDescriptor* descriptors, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadNative(int descriptor, byte* buffer, nint count);

    /// <summary>A <c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short Returned;
    }
}
