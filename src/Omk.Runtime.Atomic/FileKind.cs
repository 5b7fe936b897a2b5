namespace Omk.Runtime.Atomic;

/// <summary>The type of a file, as the operating system knows it.</summary>
internal enum FileKind
{
    /// <summary>A type this library does not name.</summary>
    Other,

    /// <summary>A regular file: the only type <see cref="RegularFile"/> opens.</summary>
    RegularFile,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>A symbolic link (seen only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A named pipe: reading it waits for a writer.</summary>
    Fifo,

    /// <summary>A character device, such as <c>/dev/zero</c>.</summary>
    CharacterDevice,

    /// <summary>A block device.</summary>
    BlockDevice,

    /// <summary>A Unix socket.</summary>
    Socket,
}
