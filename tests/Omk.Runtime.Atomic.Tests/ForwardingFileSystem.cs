using System.IO.Abstractions;
using NSubstitute;

namespace Omk.Runtime.Atomic.Tests;

/// <summary>
/// The real disk behind an <see cref="IFileSystem"/> that is not a <see cref="FileSystem"/>: the library then takes its
/// portable paths (.NET's own file handling, as on Windows), which run here against real files.
/// </summary>
internal static class ForwardingFileSystem
{
    /// <summary>Creates the file system; <paramref name="file"/> replaces <see cref="IFileSystem.File"/> when given.</summary>
    public static IFileSystem Create(IFile? file = null)
    {
        var real = new FileSystem();
        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.Path.Returns(real.Path);
        fileSystem.File.Returns(file ?? real.File);
        fileSystem.Directory.Returns(real.Directory);
        fileSystem.FileInfo.Returns(real.FileInfo);
        fileSystem.FileStream.Returns(real.FileStream);
        return fileSystem;
    }
}
