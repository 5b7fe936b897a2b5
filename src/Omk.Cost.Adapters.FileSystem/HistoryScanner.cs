using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// Scans <c>costs.json</c> one chunk at a time: the top-level array, then each session whole, then nothing more.
/// Used both on a whole file held in memory (records) and on a stream read in chunks (reports), so that both
/// apply exactly the same rules and report errors with the same line and column.
/// </summary>
internal sealed class HistoryScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private readonly string _filePath;
    private readonly bool _materialize;
    private JsonReaderState _state = new(ReaderOptions);
    private Phase _phase = Phase.BeforeArray;
    private long _offset;
    private long _linesBefore;
    private long _lineStart;

    public HistoryScanner(string filePath, bool materialize, long startOffset = 0)
    {
        _filePath = filePath;
        _materialize = materialize;
        _offset = startOffset;
        _lineStart = startOffset;
    }

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
    }

    /// <summary>Gets the number of sessions scanned so far.</summary>
    public int Count { get; private set; }

    /// <summary>Gets a value indicating whether the array has been closed.</summary>
    public bool Complete => _phase == Phase.AfterArray;

    /// <summary>
    /// Scans as much of <paramref name="data"/> as holds whole tokens and sessions, adding each session found.
    /// </summary>
    /// <param name="data">The next bytes of the file, starting where the previous call stopped.</param>
    /// <param name="isFinalBlock">Whether these are the last bytes of the file.</param>
    /// <param name="found">Receives each session: its offset and length in the file, the session when materialised, its id.</param>
    /// <returns>How many bytes of <paramref name="data"/> were consumed; the rest must be passed again with more.</returns>
    /// <exception cref="CostFileFormatException">The bytes are not a cost history.</exception>
    public int Scan(ReadOnlySpan<byte> data, bool isFinalBlock, List<ScannedSession> found)
    {
        if (_phase == Phase.BeforeArray && isFinalBlock && data.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            // An empty or white-space file is an empty history.
            _phase = Phase.AfterArray;
            Advance(data);
            return data.Length;
        }

        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        try
        {
            while (true)
            {
                var checkpoint = reader;
                if (!reader.Read())
                {
                    reader = checkpoint;
                    break;
                }

                if (_phase == Phase.BeforeArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Malformed(data, reader.TokenStartIndex, "the file must hold a JSON array of sessions");
                    }

                    _phase = Phase.InArray;
                }
                else if (_phase == Phase.AfterArray)
                {
                    throw Malformed(data, reader.TokenStartIndex, "there is more after the array of sessions");
                }
                else if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.AfterArray;
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Malformed(data, reader.TokenStartIndex, $"session {Count + 1} is not a JSON object");
                }
                else
                {
                    // A chunk may end inside a session: read it only once it is whole (a final block always is).
                    var probe = reader;
                    if (!isFinalBlock && !probe.TrySkip())
                    {
                        reader = checkpoint;
                        break;
                    }

                    var start = reader.TokenStartIndex;
                    if (!SessionCostReader.TryRead(ref reader, _materialize, out var session, out var id, out var error))
                    {
                        throw Malformed(data, error.Offset, $"session {Count + 1}: {error.Reason}");
                    }

                    Count++;
                    found.Add(new ScannedSession(_offset + start, reader.BytesConsumed - start, session, id));
                }
            }
        }
        catch (JsonException exception)
        {
            throw FromJsonException(exception);
        }

        if (isFinalBlock && _phase != Phase.AfterArray)
        {
            throw Malformed(data, data.Length, "the file ends before its array of sessions is closed");
        }

        var consumed = (int)reader.BytesConsumed;
        _state = reader.CurrentState;
        Advance(data[..consumed]);
        return consumed;
    }

    private void Advance(ReadOnlySpan<byte> consumed)
    {
        var lastNewline = consumed.LastIndexOf((byte)'\n');
        if (lastNewline >= 0)
        {
            _linesBefore += consumed.Count((byte)'\n');
            _lineStart = _offset + lastNewline + 1;
        }

        _offset += consumed.Length;
    }

    private CostFileFormatException Malformed(ReadOnlySpan<byte> data, long offset, string reason)
    {
        var before = data[..(int)Math.Min(offset, data.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = _linesBefore + before.Count((byte)'\n') + 1;
        var lineStart = lastNewline >= 0 ? _offset + lastNewline + 1 : _lineStart;
        return new CostFileFormatException(_filePath, line, _offset + before.Length - lineStart + 1, reason);
    }

    private CostFileFormatException FromJsonException(JsonException exception)
    {
        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        return new CostFileFormatException(_filePath, exception.LineNumber + 1, exception.BytePositionInLine + 1, reason.TrimEnd(), exception);
    }
}
