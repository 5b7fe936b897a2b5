using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;

namespace Omk.Cost.Adapters.FileSystem.Tests.Fixtures;

/// <summary>
/// A <see cref="MockFileSystem"/> that does what the sink asks of a real file system where the mock falls short:
/// <c>File.ResolveLinkTarget</c> returns null for a file that is not a symbolic link (the mock throws), and
/// <c>Directory.CreateDirectory</c> with a Unix mode creates the folder (the mock throws; the mode itself is proved
/// on the real disk).
/// </summary>
internal sealed class FaithfulMockFileSystem : MockFileSystem
{
    private readonly LinkAwareFile _file;
    private readonly ModeIgnoringDirectory _directory;

    public FaithfulMockFileSystem()
    {
        _file = new LinkAwareFile(this);
        _directory = new ModeIgnoringDirectory(this, base.Directory.GetCurrentDirectory());
    }

    // The base constructor already uses these, before the fields above are set.
    public override IFile File => _file ?? base.File;

    public override IDirectory Directory => _directory ?? base.Directory;

    private sealed class LinkAwareFile(MockFileSystem fileSystem) : MockFile(fileSystem)
    {
        public override IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
            fileSystem.FileInfo.New(linkPath).LinkTarget is null ? null : base.ResolveLinkTarget(linkPath, returnFinalTarget);
    }

    private sealed class ModeIgnoringDirectory(MockFileSystem fileSystem, string currentDirectory) : MockDirectory(fileSystem, currentDirectory)
    {
        public override IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode) => CreateDirectory(path);
    }
}
