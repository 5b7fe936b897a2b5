using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// One session of a rewrite: either kept as its original bytes or written from a document.
/// </summary>
internal readonly record struct HistoryItem(StoredSession? Kept, SessionCostDocument? Document)
{
    public static HistoryItem Keep(StoredSession stored) => new(stored, null);

    public static HistoryItem Write(SessionCostDocument document) => new(null, document);
}
