using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// <c>sync</c> of a costs.json whose sessions have no id: every session is stored once however often identical ones
/// are added between syncs, and the ids written back change nothing else in the file.
/// </summary>
public sealed class TeamStoreSyncIdTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string Identical = """
          {"session_type": "team", "name": "same", "started_at": "2026-11-20T09:00:00Z", "ended_at": null,
           "estimate": {"input_tokens": 1000, "output_tokens": 100, "duration_secs": 60, "worker_count": 1, "estimated_usd": 4, "tier": "Standard"},
           "actual_usd": null}
        """;

    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();

    public TeamStoreSyncIdTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();
    }

    [Fact]
    public async Task Sync_AThirdIdenticalSessionAfterTwoSynced_StoresAllThreeWithThreeIds()
    {
        _omk.WriteCostsFile(CostFile.Of(Identical, Identical));
        var first = await _omk.RunAsync("cost", "sync");
        var synced = File.ReadAllText(_omk.CostsFile);
        File.WriteAllText(_omk.CostsFile, synced[..synced.LastIndexOf("\n]", StringComparison.Ordinal)] + ",\n" + Identical + "\n]\n");

        var second = await _omk.RunAsync("cost", "sync");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("3 sessions (1 added, 0 replaced, 2 already there); 0 from the outbox; 1 given an id.", second.Out, StringComparison.Ordinal);
        Assert.Equal(3L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions"));
        Assert.Equal(12m, _database.Scalar("SELECT sum(estimated_usd) FROM omk_cost.sessions"));
        var ids = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(_omk.CostsFile), "\"id\": \"([^\"]+)\"").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(3, ids.Count);
        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Sync_IdsWrittenBack_KeepEveryOtherByteOfTheFile()
    {
        var nested = CostFile.RustSession.Replace("\"estimated_usd\": 0.0091", "\"estimated_usd\": 0.0091, \"future_estimate_field\": {\"b\": 1, \"a\": [2.50, null]}", StringComparison.Ordinal);
        const string NullId = """  {"id": null, "session_type": "kimi", "name": "k", "started_at": "2026-11-21T00:00:00.000000001Z", "ended_at": null, "estimate": {"input_tokens": 1, "output_tokens": 2, "duration_secs": 0, "worker_count": 1, "estimated_usd": 0.5, "tier": "Premium"}, "actual_usd": 0.75}""";
        var before = CostFile.Of(nested, NullId);
        _omk.WriteCostsFile(before);

        var sync = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, sync.ExitCode);
        var after = File.ReadAllText(_omk.CostsFile);
        var ids = System.Text.RegularExpressions.Regex.Matches(after, "\"id\": \"([^\"]+)\"").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        var expected = before
            .Replace("  {\n    \"name\"", $"  {{\n    \"id\": \"{ids[0]}\",\n    \"name\"", StringComparison.Ordinal)
            .Replace("{\"id\": null,", $"{{\"id\": \"{ids[1]}\",", StringComparison.Ordinal);
        Assert.Equal(expected, after);
    }

    public void Dispose() => _omk.Dispose();
}
