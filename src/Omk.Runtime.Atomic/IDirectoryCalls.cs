namespace Omk.Runtime.Atomic;

/// <summary>
/// The three calls that flush a folder to disk, as a seam: the real ones are <see cref="LibcDirectoryCalls"/>;
/// tests pass a recorder to see that each flush opens, syncs and closes exactly one handle.
/// </summary>
internal interface IDirectoryCalls
{
    /// <summary>Opens a folder read-only.</summary>
    /// <returns>The descriptor, or a negative number on failure.</returns>
    int Open(string directory);

    /// <summary>Flushes an open descriptor.</summary>
    /// <returns>0 on success.</returns>
    int FSync(int descriptor);

    /// <summary>Closes a descriptor.</summary>
    /// <returns>0 on success.</returns>
    int Close(int descriptor);
}
