using Omk.Cost.Adapters.FileSystem.Serialization;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// One session of a <see cref="StoredHistory"/>: where its bytes are, and what they say.
/// </summary>
/// <param name="Start">The offset of the session's first byte in the file.</param>
/// <param name="Length">The number of bytes of the session.</param>
/// <param name="Document">The parsed session.</param>
internal readonly record struct StoredSession(int Start, int Length, SessionCostDocument Document);
