using System.Text.Json;
using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The content of <c>costs.json</c> as read for a rewrite: the original bytes, and for every stored session the
/// slice of bytes it occupies and its parsed form. Sessions that a rewrite does not change are written back
/// from their original bytes, so that nothing of them (unknown keys, nanoseconds, number spelling) is lost.
/// </summary>
internal sealed class StoredHistory
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private StoredHistory(byte[] buffer, List<StoredSession> sessions)
    {
        Buffer = buffer;
        Sessions = sessions;
    }

    public static StoredHistory Empty { get; } = new([], []);

    public byte[] Buffer { get; }

    public IReadOnlyList<StoredSession> Sessions { get; }

    public ReadOnlyMemory<byte> RawOf(StoredSession session) => Buffer.AsMemory(session.Start, session.Length);

    /// <summary>Parses and checks the whole file; an empty or white-space file is an empty history.</summary>
    /// <exception cref="CostFileFormatException">The bytes are not a cost history.</exception>
    public static StoredHistory Parse(string filePath, byte[] buffer)
    {
        var start = buffer.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (buffer.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return Empty;
        }

        var sessions = new List<StoredSession>();
        var reader = new Utf8JsonReader(buffer.AsSpan(start), ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Malformed(filePath, buffer, start + reader.TokenStartIndex, "the file must hold a JSON array of sessions");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Malformed(filePath, buffer, start + reader.TokenStartIndex, $"session {sessions.Count + 1} is not a JSON object");
                }

                var elementStart = start + (int)reader.TokenStartIndex;
                var document = JsonSerializer.Deserialize(ref reader, CostJsonContext.Default.SessionCostDocument)!;
                var elementEnd = start + (int)reader.BytesConsumed;
                sessions.Add(new StoredSession(elementStart, elementEnd - elementStart, document));
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw Malformed(filePath, buffer, buffer.Length, "the file ends before its array is closed");
            }

            if (reader.Read())
            {
                throw Malformed(filePath, buffer, start + reader.TokenStartIndex, "there is more after the array of sessions");
            }
        }
        catch (JsonException exception)
        {
            throw FromJsonException(filePath, exception);
        }

        return new StoredHistory(buffer, sessions);
    }

    /// <summary>Turns a serializer error into an error that names the file and the position.</summary>
    public static CostFileFormatException FromJsonException(string filePath, JsonException exception)
    {
        var reason = exception.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            reason = reason[..cut];
        }

        if (exception.Path is { Length: > 1 } path)
        {
            reason = $"{reason.TrimEnd('.')} (at {path})";
        }

        return new CostFileFormatException(
            filePath,
            exception.LineNumber + 1,
            exception.BytePositionInLine + 1,
            reason,
            exception);
    }

    private static CostFileFormatException Malformed(string filePath, byte[] buffer, long offset, string reason)
    {
        var consumed = buffer.AsSpan(0, (int)Math.Min(offset, buffer.Length));
        var line = consumed.Count((byte)'\n') + 1;
        var column = consumed.Length - (consumed.LastIndexOf((byte)'\n') + 1) + 1;
        return new CostFileFormatException(filePath, line, column, reason);
    }
}
