using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// One session found by a <see cref="HistoryScanner"/>.
/// </summary>
/// <param name="Offset">The offset of the session's first byte in the file.</param>
/// <param name="Length">The number of bytes of the session.</param>
/// <param name="Session">The session, when the scanner materialises sessions.</param>
/// <param name="Id">The session's id, when it has one.</param>
internal readonly record struct ScannedSession(long Offset, long Length, SessionCost? Session, string? Id);
