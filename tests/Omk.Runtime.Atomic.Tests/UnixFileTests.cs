using Omk.Tests.Unix;

namespace Omk.Runtime.Atomic.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnixFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void GetStatus_RegularFile_GivesTypeModeOwnerAndSize()
    {
        var path = _folder.Combine("a.json");
        File.WriteAllText(path, "12345");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var status = UnixFile.GetStatus(path, followLinks: false)!.Value;

        Assert.Equal(FileKind.RegularFile, status.Kind);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, status.Mode);
        Assert.Equal(5, status.Size);
        Assert.Equal(Unix.OwnerOf(path), ((int)status.OwnerId, (int)status.GroupId));
    }

    [Fact]
    public void GetStatus_Link_IsTheLinkOrItsTarget()
    {
        var link = _folder.Combine("link");
        File.CreateSymbolicLink(link, _folder.Path);

        Assert.Equal(FileKind.SymbolicLink, UnixFile.GetStatus(link, followLinks: false)!.Value.Kind);
        Assert.Equal(FileKind.Directory, UnixFile.GetStatus(link, followLinks: true)!.Value.Kind);
    }

    [Fact]
    public void GetStatus_StickyFolder_ShowsTheStickyBit()
    {
        File.SetUnixFileMode(_folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.StickyBit);

        Assert.Equal(UnixFileMode.StickyBit, UnixFile.GetStatus(_folder.Path, followLinks: true)!.Value.Mode & UnixFileMode.StickyBit);
    }

    [Fact]
    public void GetStatus_Missing_IsNull()
    {
        Assert.Null(UnixFile.GetStatus(_folder.Combine("missing"), followLinks: false));
        Assert.Null(UnixFile.GetStatus(_folder.Combine("missing", "below"), followLinks: true));
    }

    [Fact]
    public void GetStatus_DevicesAndPipes_AreNamed()
    {
        var fifo = _folder.Combine("fifo");
        Unix.MakeFifo(fifo);

        Assert.Equal(FileKind.Fifo, UnixFile.GetStatus(fifo, followLinks: false)!.Value.Kind);
        Assert.Equal(FileKind.CharacterDevice, UnixFile.GetStatus("/dev/null", followLinks: true)!.Value.Kind);
    }

    [Fact]
    public void EffectiveUserId_IsThisProcesssUser()
    {
        Assert.Equal(Unix.Run("id", "-u").Output.Trim(), UnixFile.EffectiveUserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0x6000, FileKind.BlockDevice)]
    [InlineData(0xC000, FileKind.Socket)]
    [InlineData(0xE000, FileKind.Other)]
    [InlineData(0x81A4, FileKind.RegularFile)]
    public void Kind_FromTheModeBits_IsTheType(int rawMode, object kind)
    {
        Assert.Equal((FileKind)kind, new FileStatus(rawMode, 0, 0, 0).Kind);
    }
}
