using System.IO.Abstractions;
using System.Runtime.Versioning;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Adapters.Kimi.Reading.Config;
using Omk.Cost.Adapters.Kimi.Reading.Projects;
using Omk.Cost.Domain.Usage;
using Omk.Tests.Unix;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>
/// Every file the Kimi reader opens besides the logs (the price file, Kimi's config and indexes, omk's own index) is
/// read only when it is a regular file: a named pipe or a device there is refused at once, never waited on.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SideFileSafetyTests : IDisposable
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("omk-kimi-side-").FullName;
    private readonly FileSystem _fileSystem = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Load_PriceFileANamedPipe_IsRefusedAtOnceNamingIt()
    {
        var prices = Path.Combine(_folder, "prices.json");
        Unix.MakeFifo(prices);

        var load = Task.Run(() => KimiPrices.WithOverrides(_fileSystem, prices, mustExist: false));
        var exception = await Assert.ThrowsAsync<KimiPriceFileException>(() => load.WaitAsync(NoHang));

        Assert.Equal($"{prices}: cannot be read: {prices} is a named pipe (FIFO), not a regular file", exception.Message);
    }

    [Fact]
    public async Task Load_PriceFileLinkedToDevZero_IsRefusedAsADevice()
    {
        var prices = Path.Combine(_folder, "prices.json");
        File.CreateSymbolicLink(prices, Unix.CharacterDevice(_folder));

        var load = Task.Run(() => KimiPrices.Load(_fileSystem, prices));
        var exception = await Assert.ThrowsAsync<KimiPriceFileException>(() => load.WaitAsync(NoHang));

        Assert.Contains("is a character device, not a regular file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ConfigFilesNamedPipes_WarnAtOnceAndNameNoModel()
    {
        Unix.MakeFifo(Path.Combine(_folder, "config.toml"));
        Unix.MakeFifo(Path.Combine(_folder, "config.json"));
        var warnings = new List<UsageWarning>();

        var config = await Task.Run(() => KimiConfigFile.Load(_fileSystem, _folder, warnings)).WaitAsync(NoHang);

        Assert.Null(config.DefaultModel);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, warning => Assert.Contains("is a named pipe (FIFO), not a regular file", warning.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryRead_SmallJsonFileANamedPipe_WarnsAtOnce()
    {
        var path = Path.Combine(_folder, "kimi.json");
        Unix.MakeFifo(path);
        var warnings = new List<UsageWarning>();

        var document = await Task.Run(() => SmallJsonFile.TryRead(_fileSystem, path, warnings)).WaitAsync(NoHang);
        var strings = await Task.Run(() => SmallJsonFile.TryReadStrings(_fileSystem, path, warnings)).WaitAsync(NoHang);

        Assert.Null(document);
        Assert.Null(strings);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, warning => Assert.Equal($"cannot be read, ignored: {path} is a named pipe (FIFO), not a regular file", warning.Message));
    }

    [Fact]
    public async Task Load_KimiCodeSessionIndexANamedPipe_WarnsAtOnce()
    {
        Unix.MakeFifo(Path.Combine(_folder, "session_index.jsonl"));
        var warnings = new List<UsageWarning>();

        await Task.Run(() => KimiCodeWorkspaceIndex.Load(_fileSystem, _folder, warnings)).WaitAsync(NoHang);

        Assert.Contains(warnings, warning => warning.Message.Contains("is a named pipe (FIFO), not a regular file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_IndexShardANamedPipe_IsIgnoredAtOnce()
    {
        Unix.MakeFifo(Path.Combine(_folder, "shard-00.bin"));
        File.CreateSymbolicLink(Path.Combine(_folder, "shard-01.bin"), Unix.CharacterDevice(_folder));

        var index = await Task.Run(() => KimiIndex.Load(_fileSystem, _folder, writer: null, TimeProvider.System)).WaitAsync(NoHang);

        Assert.NotNull(index);
    }

    [Fact]
    public async Task Load_StoredResultANamedPipe_IsSkippedAtOnce()
    {
        Unix.MakeFifo(Path.Combine(_folder, "tree.bin"));

        var stored = await Task.Run(() => KimiResultIndex.Load(_fileSystem, _folder, key: 1)).WaitAsync(NoHang);

        Assert.Null(stored);
    }
}
