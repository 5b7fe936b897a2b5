using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>The C library's <c>geteuid</c>, <c>lchown</c>, <c>fchown</c> and <c>flock</c>, through <see cref="Posix"/>.</summary>
internal sealed class LibcPosixCalls : IPosixCalls
{
    private LibcPosixCalls()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static LibcPosixCalls Instance { get; } = new();

    /// <inheritdoc/>
    public uint EffectiveUserId => Posix.EffectiveUserId;

    /// <inheritdoc/>
    public int ChangeOwner(string path, uint owner, uint group) => Posix.ChangeOwner(path, owner, group);

    /// <inheritdoc/>
    public int ChangeOwner(SafeFileHandle handle, uint owner, uint group) => Posix.ChangeOwner(handle, owner, group);

    /// <inheritdoc/>
    public int TryLockExclusive(SafeFileHandle handle) => Posix.TryLockExclusive(handle);
}
