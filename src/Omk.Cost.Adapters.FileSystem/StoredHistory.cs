using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// The content of <c>costs.json</c> as read for a rewrite: the original bytes, and for every stored session the
/// slice of bytes it occupies. Sessions that a rewrite does not change are written back from their original
/// bytes, so that nothing of them (unknown keys, nanoseconds, number spelling) is lost.
/// </summary>
internal sealed class StoredHistory
{
    private StoredHistory(byte[] buffer, List<StoredSession> sessions, List<SessionCost> materialized)
    {
        Buffer = buffer;
        Sessions = sessions;
        Materialized = materialized;
    }

    public static StoredHistory Empty { get; } = new([], [], []);

    public byte[] Buffer { get; }

    public IReadOnlyList<StoredSession> Sessions { get; }

    /// <summary>Gets the sessions read as values, when the history was parsed to materialise them; else empty.</summary>
    public IReadOnlyList<SessionCost> Materialized { get; }

    public ReadOnlyMemory<byte> RawOf(StoredSession session) => Buffer.AsMemory(session.Start, session.Length);

    /// <summary>Checks the whole file, materialising sessions only when asked; an empty or white-space file is an empty history.</summary>
    /// <exception cref="CostFileFormatException">The bytes are not a cost history.</exception>
    public static StoredHistory Parse(string filePath, byte[] buffer, bool materialize = false)
    {
        if (StateFile.HoldsNothing(buffer))
        {
            return Empty;
        }

        var start = buffer.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;

        var found = new List<ScannedSession>();
        new HistoryScanner(filePath, materialize, startOffset: start).Scan(buffer.AsSpan(start), isFinalBlock: true, found);
        var sessions = new List<StoredSession>(found.Count);
        var materialized = new List<SessionCost>(materialize ? found.Count : 0);
        foreach (var scanned in found)
        {
            sessions.Add(new StoredSession(sessions.Count, (int)scanned.Offset, (int)scanned.Length, scanned.Id));
            if (scanned.Session is { } session)
            {
                materialized.Add(session);
            }
        }

        return new StoredHistory(buffer, sessions, materialized);
    }
}
