using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Omk.Runtime.Atomic;

/// <summary>
/// Opens files for reading only when they are regular files, judged on the opened handle so that a swap between a
/// check and the open cannot trick it, and without ever waiting on a named pipe.
/// </summary>
internal static class RegularFile
{
    /// <summary>
    /// Opens a regular file for reading, shared with writers and deleters. A symbolic link is followed; what it
    /// names must be a regular file too.
    /// </summary>
    /// <param name="fileSystem">The file system; on the real disk of Linux and macOS the type of the opened handle is checked.</param>
    /// <param name="path">The file.</param>
    /// <param name="bufferSize">The stream's buffer, in bytes (1 for none).</param>
    /// <param name="options">Whether the file is read from start to end (<see cref="FileOptions.SequentialScan"/>).</param>
    /// <returns>The open stream.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device or a socket.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    public static FileSystemStream OpenRead(IFileSystem fileSystem, string path, int bufferSize = 4096, FileOptions options = FileOptions.None) =>
        Open(fileSystem, path, bufferSize, options, followLinks: true);

    private static FileSystemStream Open(IFileSystem fileSystem, string path, int bufferSize, FileOptions options, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (fileSystem is not FileSystem || !Posix.IsSupported)
        {
            if (fileSystem.Directory.Exists(path))
            {
                throw new NotARegularFileException(path, FileKind.Directory);
            }

            return fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize, options);
        }

        var handle = OpenChecked(path, followLinks);
        try
        {
            if ((options & FileOptions.SequentialScan) != 0)
            {
                Posix.AdviseSequential(handle);
            }

            return fileSystem.FileStream.New(handle, FileAccess.Read, bufferSize);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a regular file of the real disk for reading as a handle (for <see cref="RandomAccess"/>), shared with writers
    /// and deleters, with the checks of <see cref="OpenRead"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The open handle, owned by the caller.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device or a socket.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    public static SafeFileHandle OpenHandle(string path) => OpenHandle(path, followLinks: true);

    /// <summary>
    /// Opens a regular file of the real disk for reading as a handle, with the checks of <see cref="OpenRead"/>, and,
    /// unless <paramref name="followLinks"/>, refusing a symbolic link at the path (<c>O_NOFOLLOW</c>): for omk's own
    /// files, which are never links.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="followLinks">Whether a symbolic link at the path is followed.</param>
    /// <returns>The open handle, owned by the caller.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device, a socket or (not followed) a link.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    public static SafeFileHandle OpenHandle(string path, bool followLinks)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        // Stryker disable once all : Windows only; a run on Linux cannot execute it
        if (!Posix.IsSupported)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        return OpenChecked(path, followLinks);
    }

    /// <summary>Opens without waiting on a named pipe, and checks the opened handle's type.</summary>
    private static SafeFileHandle OpenChecked(string path, bool followLinks)
    {
        // O_NONBLOCK: opening a named pipe returns at once instead of waiting for a writer.
        var flags = Posix.ReadOnly | Posix.NonBlocking | Posix.CloseOnExec | (followLinks ? 0 : Posix.NoFollow);
        var handle = Posix.Open(path, flags, 0, out var errno);
        if (handle.IsInvalid)
        {
            handle.Dispose();
            if (!followLinks && errno == Posix.ELOOP)
            {
                throw new NotARegularFileException(path, FileKind.SymbolicLink);
            }


            // A socket cannot be opened at all (ENXIO): say what it is rather than what open said.
            throw Posix.Status(path, followLinks: true) is { Kind: not FileKind.RegularFile and not FileKind.Directory } status
                ? new NotARegularFileException(path, status.Kind)
                : Posix.Error(errno, path);
        }

        try
        {
            var status = Posix.Status(handle, path);
            if (status.Kind != FileKind.RegularFile)
            {
                throw new NotARegularFileException(path, status.Kind);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads the whole of a regular file, opened as <see cref="OpenRead"/> does: never a named pipe or a device.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device or a socket.</exception>
    /// <exception cref="IOException">The file is larger than an array can hold, or could not be read.</exception>
    public static byte[] ReadAllBytes(IFileSystem fileSystem, string path) => ReadAllBytes(fileSystem, path, followLinks: true);

    /// <summary>
    /// Reads the whole of a regular file as <see cref="ReadAllBytes(IFileSystem, string)"/> does, and, unless
    /// <paramref name="followLinks"/>, refusing a symbolic link at the path: for omk's own files, which are never links.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <param name="followLinks">Whether a symbolic link at the path is followed.</param>
    /// <returns>The file's bytes.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device, a socket or (not followed) a link.</exception>
    /// <exception cref="IOException">The file is larger than an array can hold, or could not be read.</exception>
    public static byte[] ReadAllBytes(IFileSystem fileSystem, string path, bool followLinks)
    {
        using var stream = Open(fileSystem, path, bufferSize: 1, FileOptions.None, followLinks);
        if (stream.Length > Array.MaxLength)
        {
            throw new IOException($"{path} holds {stream.Length} bytes, more than can be read at once");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Reads the whole of a regular file as text (UTF-8 unless a byte order mark says otherwise), opened as <see cref="OpenRead"/> does.</summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <returns>The file's text.</returns>
    /// <exception cref="NotARegularFileException">The path holds a folder, a named pipe, a device or a socket.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static string ReadAllText(IFileSystem fileSystem, string path)
    {
        using var reader = new StreamReader(OpenRead(fileSystem, path), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
