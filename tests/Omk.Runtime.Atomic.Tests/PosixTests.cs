using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>The POSIX wrappers report a failed call by its errno, and an opened handle's failed status as an error naming the path.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PosixTests : IDisposable
{
    private const int BadDescriptor = 9;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ChangeOwner_PathThatDoesNotExist_ReturnsItsErrno()
    {
        Assert.Equal(Posix.ENOENT, Posix.ChangeOwner(_folder.Combine("missing"), 0, 0));
    }

    [Fact]
    public void ChangeOwner_HandleThatIsNotOpen_ReturnsItsErrno()
    {
        using var closed = NotOpen();

        Assert.Equal(BadDescriptor, Posix.ChangeOwner(closed, 0, 0));
    }

    [Fact]
    public void TryLockExclusive_HandleThatIsNotOpen_ReturnsItsErrno()
    {
        using var closed = NotOpen();

        Assert.Equal(BadDescriptor, Posix.TryLockExclusive(closed));
    }

    [Fact]
    public void Status_HandleThatIsNotOpen_FailsNamingThePath()
    {
        using var closed = NotOpen();
        var path = _folder.Combine("costs.json");

        var exception = Assert.Throws<IOException>(() => Posix.Status(closed, path));

        Assert.Equal($"{path}: Bad file descriptor", exception.Message);
        Assert.Equal(BadDescriptor, exception.HResult);
    }

    /// <summary>A handle on a descriptor number no process opens so high.</summary>
    private static SafeFileHandle NotOpen() => new(1_000_000, ownsHandle: false);
}
