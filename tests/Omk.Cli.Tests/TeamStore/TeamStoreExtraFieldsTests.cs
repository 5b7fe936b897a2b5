using System.IO.Abstractions;
using Microsoft.Extensions.Options;
using Omk.Cli.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.PostgreSql;
using Omk.Cost.Domain;
using Omk.Testing;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// Keys that this version of omk does not know, at the top of a session and inside its estimate, survive a sync into
/// the team store: its <c>extra</c> column holds them all, and a session read back from it and written to a
/// <c>costs.json</c> has them where they were.
/// </summary>
public sealed class TeamStoreExtraFieldsTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string NestedKey = "\"future_estimate_field\": {\"b\": 1, \"a\": [2.50, null]}";

    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();
    private readonly TempFolder _readBack = new("omk-extra-fields-");

    public TeamStoreExtraFieldsTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();
    }

    [Fact]
    public async Task Sync_UnknownKeysAtTheTopAndInsideTheEstimate_KeptInTheTeamStoreAndReadBackWhereTheyWere()
    {
        var session = CostFile.RustSession
            .Replace("\"estimated_usd\": 0.0091", "\"estimated_usd\": 0.0091, " + NestedKey, StringComparison.Ordinal)
            .Replace("\"host\": \"build-box-7\"", "\"host\": \"build-box-7\", \"labels\": {\"team\": \"core\"}", StringComparison.Ordinal);
        _omk.WriteCostsFile(CostFile.Of(session));

        var sync = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(
            """{"host": "build-box-7", "labels": {"team": "core"}, "estimate": {"future_estimate_field": {"a": [2.50, null], "b": 1}}}""",
            _database.Scalar("SELECT extra::text FROM omk_cost.sessions"));
        var stored = await ReadTeamStoreAsync();
        var file = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = _readBack.Path }), TimeProvider.System);
        await file.UpsertAsync(stored, UpsertMode.Apply, CancellationToken.None);
        var text = File.ReadAllText(file.FilePath);
        Assert.Contains("\"tier\": \"Standard\",\n      \"future_estimate_field\": {\n        \"a\": [\n          2.50,\n          null\n        ],\n        \"b\": 1\n      }\n    },", text, StringComparison.Ordinal);
        Assert.Contains("\"host\": \"build-box-7\",\n    \"labels\": {\n      \"team\": \"core\"\n    }", text, StringComparison.Ordinal);
        var original = new JsonFileCostSink(new FileSystem(), Options.Create(new OmkCostOptions { StateDirectory = Path.GetDirectoryName(_omk.CostsFile)! }), TimeProvider.System);
        var first = Assert.Single(await new CostTracker(original).LoadAsync(CancellationToken.None));
        Assert.Equal(first.ExtraFields, Assert.Single(await new CostTracker(file).LoadAsync(CancellationToken.None)).ExtraFields);
    }

    private async Task<List<SessionCost>> ReadTeamStoreAsync()
    {
        await using var team = new PostgreSqlCostSink(Options.Create(new PostgreSqlCostOptions { ConnectionString = _database.ConnectionString }));
        return [.. await new CostTracker(team).LoadAsync(CancellationToken.None)];
    }

    public void Dispose()
    {
        _omk.Dispose();
        _readBack.Dispose();
    }
}
