using System.IO.Abstractions;
using NSubstitute;

namespace Omk.Testing;

/// <summary>
/// A file system whose file streams a test can fail or replace, one path at a time (the adapters' fault injection;
/// the atomic writer's own steps fail through <c>StepFaultFileSystem</c> in its tests).
/// </summary>
public static class FaultyFileSystem
{
    /// <summary>The error of a lock refused because another process holds it, as this platform reports it.</summary>
    public static IOException LockHeldElsewhere(string path) =>
        new($"The process cannot access the file '{path}' because it is locked.", OperatingSystem.IsWindows() ? unchecked((int)0x80070021) : 11);

    /// <summary>
    /// Wraps <paramref name="inner"/>: every file stream is opened through <paramref name="open"/>, which receives the
    /// path and a function that opens the stream on <paramref name="inner"/>.
    /// </summary>
    public static IFileSystem Around(IFileSystem inner, Func<string, Func<FileSystemStream>, FileSystemStream> open)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(open);
        var streams = Substitute.For<IFileStreamFactory>();
        streams.New(Arg.Any<string>(), Arg.Any<FileStreamOptions>()).Returns(call =>
        {
            var path = call.ArgAt<string>(0);
            var options = call.ArgAt<FileStreamOptions>(1);
            return open(path, () => inner.FileStream.New(path, options));
        });
        streams.New(Arg.Any<string>(), Arg.Any<FileMode>(), Arg.Any<FileAccess>(), Arg.Any<FileShare>(), Arg.Any<int>(), Arg.Any<FileOptions>()).Returns(call =>
        {
            var path = call.ArgAt<string>(0);
            return open(path, () => inner.FileStream.New(path, call.ArgAt<FileMode>(1), call.ArgAt<FileAccess>(2), call.ArgAt<FileShare>(3), call.ArgAt<int>(4), call.ArgAt<FileOptions>(5)));
        });

        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.File.Returns(inner.File);
        fileSystem.Directory.Returns(inner.Directory);
        fileSystem.Path.Returns(inner.Path);
        fileSystem.FileInfo.Returns(inner.FileInfo);
        fileSystem.DirectoryInfo.Returns(inner.DirectoryInfo);
        fileSystem.FileStream.Returns(streams);
        return fileSystem;
    }

    /// <summary>Whether <paramref name="path"/> is one of the temp files the atomic writer creates for <c>costs.json</c>.</summary>
    public static bool IsTempFile(string path) => Path.GetFileName(path).StartsWith(".costs.json.tmp.", StringComparison.Ordinal);
}
