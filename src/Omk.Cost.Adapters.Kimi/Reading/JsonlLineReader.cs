using System.Buffers;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Reads a JSON Lines stream one line at a time without decoding it, through one pooled buffer that grows only
/// for a line longer than itself. A line longer than <see cref="MaxLineBytes"/> is skipped and reported as such.
/// </summary>
internal sealed class JsonlLineReader : IDisposable
{
    /// <summary>The longest line read; a longer one is skipped.</summary>
    public const int MaxLineBytes = 256 * 1024 * 1024;

    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;

    /// <summary>The position in the stream of the first byte of the buffer.</summary>
    private long _origin;

    /// <summary>Initializes a new instance of the <see cref="JsonlLineReader"/> class.</summary>
    /// <param name="stream">The stream, positioned at the start of a line.</param>
    /// <param name="position">The stream's position: where the first line starts.</param>
    /// <param name="linesBefore">How many lines come before that position, so that line numbers go on from them.</param>
    public JsonlLineReader(Stream stream, long position = 0, long linesBefore = 0)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        _origin = position;
        LineNumber = linesBefore;
        EndOfLastTerminatedLine = position;
    }

    /// <summary>Gets the 1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Gets the position in the stream just past the line feed of the last line read that had one: where a later
    /// read of a growing file can start.
    /// </summary>
    public long EndOfLastTerminatedLine { get; private set; }

    /// <summary>Gets a value indicating whether the line last read ended with a line feed (a live log's last line may not).</summary>
    public bool LineTerminated { get; private set; }

    /// <summary>Gets a value indicating whether the line last read was too long and is returned empty.</summary>
    public bool LineTooLong { get; private set; }

    /// <summary>
    /// Reads the next line, without its line feed or carriage return.
    /// </summary>
    /// <param name="line">The line; valid until the next call.</param>
    /// <returns><see langword="false"/> at the end of the stream.</returns>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var skipping = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanned + newline;
                line = skipping ? default : Trim(_buffer.AsSpan(_start, lineEnd - _start));
                _start = _scanned = lineEnd + 1;
                EndOfLastTerminatedLine = _origin + _start;
                return Produce(terminated: true, tooLong: skipping);
            }

            _scanned = _end;
            if (_endOfStream)
            {
                if (_end > _start || skipping)
                {
                    line = skipping ? default : Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _scanned = _end;
                    return Produce(terminated: false, tooLong: skipping);
                }

                line = default;
                return false;
            }

            if (_end - _start >= MaxLineBytes)
            {
                // Drop what there is of the overlong line and read on to its end.
                skipping = true;
                _origin += _end;
                _start = _scanned = _end = 0;
            }

            MakeRoom();
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // A byte order mark at the start of the file.
        return line.StartsWith("\uFEFF"u8) ? line[3..] : line;
    }

    private bool Produce(bool terminated, bool tooLong)
    {
        LineNumber++;
        LineTerminated = terminated;
        LineTooLong = tooLong;
        return true;
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            var length = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
            _origin += _start;
            _scanned -= _start;
            _end = length;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
