using Microsoft.Extensions.Options;
using Omk.Cost.Adapters.FileSystem.Tests.Fixtures;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Tests;

public sealed class RealDiskSmokeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AppendAsync_OnRustFile_KeepsExistingBytesAndAddsSession()
    {
        var path = _folder.Combine("costs.json");
        await File.WriteAllTextAsync(path, CostFiles.Rust);
        var sink = NewSink();

        await sink.AppendAsync(Session("ralph"), CancellationToken.None);

        var text = await File.ReadAllTextAsync(path);
        Assert.Contains("\"started_at\": \"2026-11-20T09:15:02.123456789Z\"", text, StringComparison.Ordinal);
        Assert.Contains("\"future_field\": {\"nested\": [1, 2, 3]}", text, StringComparison.Ordinal);
        var sessions = await ReadAll(sink);
        Assert.Equal(["team", "autopilot", "ralph"], sessions.Select(s => s.SessionType));
        Assert.Equal(0.009099999999999999m, sessions[0].Estimate.EstimatedUsd);
    }

    [Fact]
    public async Task AppendAsync_OnCorruptFile_ThrowsAndLeavesFileUnchanged()
    {
        var path = _folder.Combine("costs.json");
        await File.WriteAllTextAsync(path, "[\n  {\"name\": 1}\n");
        var before = await File.ReadAllBytesAsync(path);
        var sink = NewSink();

        var error = await Assert.ThrowsAsync<CostFileFormatException>(() => sink.AppendAsync(Session("team"), CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AppendAsync_TwiceOnMissingFile_WritesDesignFormat()
    {
        var sink = NewSink();

        await sink.AppendAsync(Session("team"), CancellationToken.None);
        await sink.AppendAsync(Session("ralph") with { EndedAt = new DateTimeOffset(2026, 11, 21, 8, 1, 0, 500, TimeSpan.Zero) }, CancellationToken.None);

        var expected = """
            [
              {
                "session_type": "team",
                "name": "n",
                "started_at": "2026-11-21T08:00:00Z",
                "ended_at": null,
                "estimate": {
                  "input_tokens": 1950,
                  "output_tokens": 650,
                  "duration_secs": 60,
                  "worker_count": 2,
                  "estimated_usd": 0.0091,
                  "tier": "Standard"
                },
                "actual_usd": null
              },
              {
                "session_type": "ralph",
                "name": "n",
                "started_at": "2026-11-21T08:00:00Z",
                "ended_at": "2026-11-21T08:01:00.5Z",
                "estimate": {
                  "input_tokens": 1950,
                  "output_tokens": 650,
                  "duration_secs": 60,
                  "worker_count": 2,
                  "estimated_usd": 0.0091,
                  "tier": "Standard"
                },
                "actual_usd": null
              }
            ]

            """;
        Assert.Equal(expected, await File.ReadAllTextAsync(_folder.Combine("costs.json")));
    }

    [Fact]
    public async Task AppendAsync_CostsFileIsASymbolicLink_WritesThroughToTheTargetAndKeepsTheLink()
    {
        var target = _folder.Combine("elsewhere", "history.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, "[]\n");
        var link = _folder.Combine("costs.json");
        File.CreateSymbolicLink(link, target);
        var sink = NewSink();

        await sink.AppendAsync(Session("team"), CancellationToken.None);

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("team", Assert.Single(await ReadAll(sink)).SessionType);
        Assert.Contains("\"session_type\": \"team\"", await File.ReadAllTextAsync(target), StringComparison.Ordinal);
        Assert.True(File.Exists(link + ".lock"));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, ".history.json.tmp.*"));
    }

    private JsonFileCostSink NewSink() =>
        new(new System.IO.Abstractions.FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _folder.Path }), TimeProvider.System);

    private static async Task<List<SessionCost>> ReadAll(ICostSink sink)
    {
        var list = new List<SessionCost>();
        await foreach (var session in sink.ReadAllAsync(CancellationToken.None))
        {
            list.Add(session);
        }

        return list;
    }

    private static SessionCost Session(string type) => new()
    {
        SessionType = type,
        Name = "n",
        StartedAt = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero),
        Estimate = CostEstimator.Estimate(60, 2, 1, PricingTier.Standard),
    };

    [Fact]
    public async Task ReadAllAsync_SessionsAcrossReadChunksAndOneLargerThanAChunk_ReadsEveryOneWhole()
    {
        var names = Enumerable.Range(0, 400).Select(index => $"s{index}-" + new string('x', index % 7 * 50)).ToList();
        names.Insert(150, "large-" + new string('y', 150_000));
        names.Insert(300, "larger-" + new string('z', 300_000));
        var sink = NewSink();
        await sink.UpsertAsync([.. names.Select((name, index) => Session("team") with { Name = name, Id = $"id-{index}" })], UpsertMode.Apply, CancellationToken.None);

        var read = await ReadAll(sink);

        Assert.Equal(names, read.Select(session => session.Name));
    }

    [Fact]
    public async Task ReadAllAsync_FileWithAByteOrderMarkAcrossAChunk_ReadsEverySession()
    {
        var path = _folder.Combine("costs.json");
        var sink = NewSink();
        await sink.UpsertAsync([.. Enumerable.Range(0, 300).Select(index => Session("team") with { Name = $"s{index}-" + new string('x', 300), Id = $"id-{index}" })], UpsertMode.Apply, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. bytes]);

        var read = await ReadAll(sink);

        Assert.Equal(300, read.Count);
        Assert.Equal("s299-" + new string('x', 300), read[^1].Name);
    }
}
