namespace Omk.Cost.Adapters.Kimi.Caching;

/// <summary>
/// Writes the files of the incremental Kimi index. The host gives an atomic writer, so that a reader of the index
/// sees a whole old file or a whole new one; the index is a cache, and a failed write only costs a slower next read.
/// </summary>
internal interface IKimiIndexWriter
{
    /// <summary>Replaces a file of the index with new content, creating its folder when needed.</summary>
    /// <param name="path">The file.</param>
    /// <param name="content">The new content.</param>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file could not be written.</exception>
    void Write(string path, ReadOnlyMemory<byte> content);
}
