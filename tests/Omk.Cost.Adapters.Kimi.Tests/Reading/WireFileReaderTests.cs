using System.IO.Abstractions;
using System.Runtime.Versioning;
using Omk.Cost.Adapters.Kimi.Caching;
using Omk.Cost.Adapters.Kimi.Pricing;
using Omk.Cost.Adapters.Kimi.Reading;
using Omk.Cost.Domain.Usage;
using Omk.Tests.Unix;

namespace Omk.Cost.Adapters.Kimi.Tests.Reading;

/// <summary>A Kimi log that is not a regular file is refused at once with a warning, never waited on.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WireFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("omk-kimi-wire-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Read_WireLogIsANamedPipe_WarnsAtOnceThatItIsNotARegularFile()
    {
        var wire = Path.Combine(_folder, "wire.jsonl");
        Unix.MakeFifo(wire);
        var warnings = new List<UsageWarning>();

        var read = Task.Run(() => WireFileReader.Read(new FileSystem(), wire, WireFormat.KimiCli, "main", stamp: null, resume: null, warnings, CancellationToken.None));
        await read.WaitAsync(TimeSpan.FromSeconds(10));

        var warning = Assert.Single(warnings);
        Assert.Equal(wire, warning.Path);
        Assert.Equal($"cannot be read, the rest of it skipped: {wire} is a named pipe (FIFO), not a regular file", warning.Message);
    }

    [Fact]
    public async Task Read_WireLogLinkedToDevZero_WarnsAtOnceThatItIsADevice()
    {
        var wire = Path.Combine(_folder, "wire.jsonl");
        File.CreateSymbolicLink(wire, Unix.CharacterDevice(_folder));
        var warnings = new List<UsageWarning>();

        var read = Task.Run(() => WireFileReader.Read(new FileSystem(), wire, WireFormat.KimiCli, "main", stamp: null, resume: null, warnings, CancellationToken.None));
        await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("is a character device, not a regular file", Assert.Single(warnings).Message, StringComparison.Ordinal);
    }
}
