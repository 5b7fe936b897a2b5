namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The content of <c>costs.json</c> as read for a rewrite: the original bytes, and for every stored session the
/// slice of bytes it occupies. Sessions that a rewrite does not change are written back from their original
/// bytes, so that nothing of them (unknown keys, nanoseconds, number spelling) is lost.
/// </summary>
internal sealed class StoredHistory
{
    private StoredHistory(byte[] buffer, List<StoredSession> sessions)
    {
        Buffer = buffer;
        Sessions = sessions;
    }

    public static StoredHistory Empty { get; } = new([], []);

    public byte[] Buffer { get; }

    public IReadOnlyList<StoredSession> Sessions { get; }

    public ReadOnlyMemory<byte> RawOf(StoredSession session) => Buffer.AsMemory(session.Start, session.Length);

    /// <summary>Checks the whole file without materialising sessions; an empty or white-space file is an empty history.</summary>
    /// <exception cref="CostFileFormatException">The bytes are not a cost history.</exception>
    public static StoredHistory Parse(string filePath, byte[] buffer)
    {
        var start = buffer.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (buffer.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            return Empty;
        }

        var found = new List<ScannedSession>();
        new HistoryScanner(filePath, materialize: false, startOffset: start).Scan(buffer.AsSpan(start), isFinalBlock: true, found);
        var sessions = new List<StoredSession>(found.Count);
        foreach (var scanned in found)
        {
            sessions.Add(new StoredSession(sessions.Count, (int)scanned.Offset, (int)scanned.Length, scanned.Id));
        }

        return new StoredHistory(buffer, sessions);
    }
}
