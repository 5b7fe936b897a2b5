using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// The owner and lock calls as another user, or failing with a given errno as they cannot for root; the real calls for
/// whatever is not given. Records every owner change asked for.
/// </summary>
internal sealed class FakePosixCalls(uint? effectiveUserId = null, int? changeOwnerResult = null, int? lockResult = null) : IPosixCalls
{
    public List<string> OwnerChanges { get; } = [];

    public uint EffectiveUserId => effectiveUserId ?? LibcPosixCalls.Instance.EffectiveUserId;

    public int ChangeOwner(string path, uint owner, uint group)
    {
        OwnerChanges.Add($"{path} -> {owner}:{group}");
        return changeOwnerResult ?? LibcPosixCalls.Instance.ChangeOwner(path, owner, group);
    }

    public int ChangeOwner(SafeFileHandle handle, uint owner, uint group)
    {
        OwnerChanges.Add($"handle -> {owner}:{group}");
        return changeOwnerResult ?? LibcPosixCalls.Instance.ChangeOwner(handle, owner, group);
    }

    public int TryLockExclusive(SafeFileHandle handle) => lockResult ?? LibcPosixCalls.Instance.TryLockExclusive(handle);
}
