using System.Runtime.InteropServices;

namespace Omk.Cli.Hosting;

/// <summary>
/// Standard output or error (descriptor 1 or 2) on Linux and macOS, written with plain <c>write</c> calls, that reports
/// every failed write as a <see cref="StandardOutputException"/>: .NET's console stream drops writes to a broken pipe
/// silently, and a closed output surfaces as an error that names no stream. (A <see cref="FileStream"/> over the
/// descriptor would not do: on a file it writes at its own offset with <c>pwrite</c>, so the shell's next output
/// overwrites ours.)
/// </summary>
internal sealed partial class StandardOutputStream : Stream
{
    private const int Interrupted = 4;
    private const int TryAgain = 11;
    private const int TryAgainMac = 35;

    private readonly int _descriptor;

    /// <summary>Initializes a new instance of the <see cref="StandardOutputStream"/> class.</summary>
    /// <param name="descriptor">1 for standard output, 2 for standard error.</param>
    public StandardOutputStream(int descriptor)
    {
        _descriptor = descriptor;
    }

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var written = WriteNative(_descriptor, buffer, buffer.Length);
            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno is TryAgain or TryAgainMac)
            {
                Thread.Sleep(1);
            }
            else if (errno != Interrupted)
            {
                throw new StandardOutputException(_descriptor, errno, Marshal.GetPInvokeErrorMessage(errno));
            }
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteNative(int descriptor, ReadOnlySpan<byte> buffer, nint count);
}
