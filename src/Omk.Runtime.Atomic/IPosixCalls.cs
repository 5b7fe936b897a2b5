using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>
/// The POSIX calls whose answer depends on who runs the process (the effective user, <c>chown</c>, <c>flock</c>), as a
/// seam: the real ones are <see cref="LibcPosixCalls"/>; tests pass a double to be another user, or to see a call fail
/// the way it cannot fail for root.
/// </summary>
internal interface IPosixCalls
{
    /// <summary>Gets the effective user id of this process.</summary>
    uint EffectiveUserId { get; }

    /// <summary>Gives a path (never a link's target) an owner and group (<c>lchown</c>).</summary>
    /// <returns>0, or the errno.</returns>
    int ChangeOwner(string path, uint owner, uint group);

    /// <summary>Gives an opened file an owner and group (<c>fchown</c>).</summary>
    /// <returns>0, or the errno.</returns>
    int ChangeOwner(SafeFileHandle handle, uint owner, uint group);

    /// <summary>Takes an exclusive <c>flock</c> without waiting.</summary>
    /// <returns>0, or the errno.</returns>
    int TryLockExclusive(SafeFileHandle handle);
}
