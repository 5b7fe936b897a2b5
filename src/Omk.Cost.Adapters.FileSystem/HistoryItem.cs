using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// One session of a rewrite: kept as its original bytes, written from a document, or written as given bytes (a kept
/// session with a member added).
/// </summary>
internal readonly record struct HistoryItem(StoredSession? Kept, SessionCostDocument? Document, byte[]? Bytes = null)
{
    public static HistoryItem Keep(StoredSession stored) => new(stored, null);

    public static HistoryItem Write(SessionCostDocument document) => new(null, document);

    public static HistoryItem WriteBytes(byte[] bytes) => new(null, null, bytes);
}
