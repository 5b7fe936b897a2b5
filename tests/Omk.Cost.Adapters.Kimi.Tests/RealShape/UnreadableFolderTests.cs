using System.IO.Abstractions;
using NSubstitute;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Reading;

namespace Omk.Cost.Adapters.Kimi.Tests.RealShape;

/// <summary>A folder that cannot be listed is a warning naming it, never silently skipped.</summary>
public sealed class UnreadableFolderTests
{
    [Fact]
    public void Read_UnreadableWorkDirFolder_WarnsNamingItAndCountsTheRest()
    {
        var workDir = $"{RealShapeTree.ShareRoot}/sessions/{RealShapeTree.WorkDirFolder}";

        var result = ReadWithUnreadable(workDir);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(workDir, warning.Path);
        Assert.Contains("cannot be read", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Sessions, static s => s.SessionId == RealShapeTree.Source);
        Assert.Contains(result.Sessions, static s => s.SessionId == RealShapeTree.CodeSource);
    }

    [Fact]
    public void Read_UnreadableSessionFolder_WarnsNamingIt()
    {
        var session = $"{RealShapeTree.ShareRoot}/sessions/{RealShapeTree.WorkDirFolder}/{RealShapeTree.Undo}";

        var result = ReadWithUnreadable(session);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(session, warning.Path);
        Assert.Contains("session folder cannot be read", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads the real-shape tree through a file system on which listing one folder is refused.</summary>
    private static KimiUsageResult ReadWithUnreadable(string refused)
    {
        string Allowed(string path) => path.TrimEnd('/') == refused ? throw new UnauthorizedAccessException("Access denied") : path;

        var inner = RealShapeTree.Build().FileSystem;
        var directory = Substitute.For<IDirectory>();
        directory.Exists(Arg.Any<string?>()).Returns(call => inner.Directory.Exists(call.Arg<string?>()));
        directory.EnumerateDirectories(Arg.Any<string>()).Returns(call => inner.Directory.EnumerateDirectories(Allowed(call.Arg<string>())));
        directory.EnumerateFileSystemEntries(Arg.Any<string>()).Returns(call => inner.Directory.EnumerateFileSystemEntries(Allowed(call.Arg<string>())));

        var fileSystem = Substitute.For<IFileSystem>();
        fileSystem.Directory.Returns(directory);
        fileSystem.File.Returns(inner.File);
        fileSystem.FileStream.Returns(inner.FileStream);
        fileSystem.Path.Returns(inner.Path);
        return new KimiUsageReader(fileSystem, new KimiUsageOptions { KimiCliRoot = RealShapeTree.ShareRoot, KimiCodeRoot = RealShapeTree.CodeHome }).Read();
    }
}
