using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Projects;
using Omk.Cost.Adapters.Kimi.Tests.Fixtures;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading.Projects;

public sealed class KimiCliWorkDirIndexTests
{
    [Fact]
    public void Resolve_LocalWorkDirHash_ReturnsPath()
    {
        var index = Load("""{"work_dirs": [{"path": "/work/alpha", "kaos": "local", "last_session_id": null}]}""");

        Assert.Equal("/work/alpha", index.Resolve(KimiTree.Md5("/work/alpha")));
    }

    [Fact]
    public void Resolve_RemoteWorkDir_UsesKaosPrefix()
    {
        var index = Load("""{"work_dirs": [{"path": "/srv/app", "kaos": "ssh"}]}""");

        Assert.Equal("/srv/app", index.Resolve("ssh_" + KimiTree.Md5("/srv/app")));
    }

    [Fact]
    public void Load_InvalidJson_WarnsAndResolvesNothing()
    {
        var warnings = new List<UsageWarning>();

        var index = Load("{oops", warnings);

        Assert.Null(index.Resolve(KimiTree.Md5("/work/alpha")));
        Assert.Single(warnings);
    }

    [Fact]
    public void Md5Hex_KnownText_MatchesMd5()
    {
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", KimiCliWorkDirIndex.Md5Hex("abc"));
    }

    private static KimiCliWorkDirIndex Load(string json, List<UsageWarning>? warnings = null)
    {
        var tree = new KimiTree();
        tree.File($"{KimiTree.CliRoot}/kimi.json", json);
        return KimiCliWorkDirIndex.Load(tree.FileSystem, KimiTree.CliRoot, warnings ?? []);
    }
}
