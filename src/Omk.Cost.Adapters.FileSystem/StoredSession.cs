namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// One session of a <see cref="StoredHistory"/>: where its bytes are, and its id if it has one.
/// </summary>
/// <param name="Index">The session's position in the file, from 0.</param>
/// <param name="Start">The offset of the session's first byte in the file.</param>
/// <param name="Length">The number of bytes of the session.</param>
/// <param name="Id">The session's id, or null.</param>
internal readonly record struct StoredSession(int Index, int Start, int Length, string? Id);
