using System.Runtime.InteropServices;

namespace Omk.Runtime.Atomic;

/// <summary>The C library's <c>open</c>, <c>fsync</c> and <c>close</c> of a folder.</summary>
internal sealed partial class LibcDirectoryCalls : IDirectoryCalls
{
    private LibcDirectoryCalls()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static LibcDirectoryCalls Instance { get; } = new();

    /// <inheritdoc/>
    public int Open(string directory) => OpenNative(directory, Posix.ReadOnly | Posix.Directory | Posix.CloseOnExec);

    /// <inheritdoc/>
    public int FSync(int descriptor) => FSyncNative(descriptor);

    /// <inheritdoc/>
    public int Close(int descriptor) => CloseNative(descriptor);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenNative(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSyncNative(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int CloseNative(int descriptor);
}
