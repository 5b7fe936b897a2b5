namespace Omk.Runtime.Atomic;

/// <summary>What the operating system says of a file: its type, permissions, owner, group and size.</summary>
/// <param name="RawMode">The <c>st_mode</c> bits: type and permissions.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="GroupId">The group id.</param>
/// <param name="Size">The size in bytes.</param>
internal readonly record struct FileStatus(int RawMode, uint OwnerId, uint GroupId, long Size)
{
    private const int TypeMask = 0xF000;

    /// <summary>Gets the file's type.</summary>
    public FileKind Kind => (RawMode & TypeMask) switch
    {
        0x8000 => FileKind.RegularFile,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    /// <summary>Gets the permission bits, set-id and sticky bits included.</summary>
    public UnixFileMode Mode => (UnixFileMode)(RawMode & 0xFFF);
}
