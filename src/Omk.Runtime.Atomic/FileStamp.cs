namespace Omk.Runtime.Atomic;

/// <summary>
/// What the file system says of a file without reading it: its identity and the marks a change leaves.
/// </summary>
/// <param name="Device">The device that holds the file (0 when the platform does not tell).</param>
/// <param name="Inode">The file's inode (0 when the platform does not tell): a file replaced by a rename has another.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ModifiedNanoseconds">The last modification, in nanoseconds since the Unix epoch.</param>
/// <param name="ChangedNanoseconds">The last status change (which no program can set back), in nanoseconds since the Unix epoch, or 0.</param>
internal readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNanoseconds, long ChangedNanoseconds)
{
    /// <summary>Gets the later of the modification and the status change.</summary>
    public long LatestNanoseconds => Math.Max(ModifiedNanoseconds, ChangedNanoseconds);

    /// <summary>Tells whether another stamp is of the same file (same device and inode).</summary>
    /// <param name="other">The other stamp.</param>
    /// <returns><see langword="true"/> when both name the same file.</returns>
    public bool SameFile(FileStamp other) => Device == other.Device && Inode == other.Inode;
}
