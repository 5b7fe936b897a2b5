namespace Omk.Cli.Hosting;

/// <summary>
/// A write-only stream over a pipe or a terminal that drops what is written once the reader is gone (a broken pipe,
/// as with <c>omk cost report | head</c>), as System.Console does: a reader that stopped reading is not an error.
/// </summary>
/// <param name="inner">The descriptor's stream.</param>
internal sealed class ClosedReaderTolerantStream(Stream inner) : Stream
{
    private bool _closed;

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_closed)
        {
            return;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (IOException)
        {
            _closed = true;
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        if (!_closed)
        {
            try
            {
                inner.Flush();
            }
            catch (IOException)
            {
                _closed = true;
            }
        }
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
