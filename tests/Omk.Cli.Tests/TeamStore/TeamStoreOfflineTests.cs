using System.Globalization;
using System.Text.RegularExpressions;
using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;
using Xunit.Abstractions;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// A team store that goes away: records are kept in the state folder's outbox and sent later, none lost, none twice.
/// The class has a server of its own, since its tests stop it; each test starts it again and takes a fresh database.
/// </summary>
public sealed class TeamStoreOfflineTests : IClassFixture<PostgreSqlOwnServer>, IDisposable
{
    private readonly PostgreSqlServer _server;
    private readonly CliRunner _omk = new();
    private readonly string _database;

    private readonly ITestOutputHelper _output;

    public TeamStoreOfflineTests(PostgreSqlOwnServer server, ITestOutputHelper output)
    {
        _output = output;
        _server = server.Server;
        _server.EnsureStarted();
        _database = _server.CreateDatabase();
        _omk.Variables["OMK_COST_STORE"] = _server.Uri(_database);
    }

    private string Outbox => Path.Combine(_omk.StateDirectory, "costs-outbox.json");

    [Fact]
    public async Task Record_ServerDown_KeepsTheSessionInTheOutboxWithOneWarningAndExitsZero()
    {
        _server.StopImmediately();

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "offline", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.ErrorLines);
        Assert.StartsWith("omk: warning: could not connect to the team store postgresql://postgres@/", warning, StringComparison.Ordinal);
        Assert.Contains($"the session is kept in {Outbox}", warning, StringComparison.Ordinal);
        Assert.Contains($"in {Outbox}\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"offline\"", File.ReadAllText(Outbox), StringComparison.Ordinal);
        Assert.Contains("\"id\": ", File.ReadAllText(Outbox), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_ServerDownAtRecordUpAtSync_StoresTheSessionOnceAndSettlesItsReservation()
    {
        await _omk.RunAsync("cost", "budget", "set", "all-time", "--limit", "20", "--period", "total");
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "5", "--type", "team")).Out.Trim();
        _server.StopImmediately();
        var settle = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "late", "--duration", "60", "--actual-usd", "3", "--reservation", id);
        Assert.Contains("\"settles_reservation\": \"" + id + "\"", File.ReadAllText(Outbox), StringComparison.Ordinal);
        _server.Start();

        var sync = await _omk.RunAsync("cost", "sync");
        var again = await _omk.RunAsync("cost", "sync");
        var check = await _omk.RunAsync("cost", "budget", "check", "--json", "--no-kimi");

        Assert.Equal((0, 0, 0, 0), (settle.ExitCode, sync.ExitCode, again.ExitCode, check.ExitCode));
        Assert.EndsWith($"; reservation {id} is settled with it when it is sent (at once if the store received this step before the connection failed)", Assert.Single(settle.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.reservations"));
        Assert.Equal(1L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.sessions WHERE name = 'late'"));
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.sessions WHERE extra ? 'settles_reservation'"));
        var standing = check.Json().GetProperty("budgets")[0];
        Assert.Equal(0m, standing.GetProperty("reserved_usd").GetDecimal());
        Assert.Equal(3m, standing.GetProperty("spent_usd").GetDecimal());
        Assert.False(File.Exists(Outbox));
    }

    [Fact]
    public async Task Settle_ServerDownAtRecordUpAtTheNextRecord_TheNextRecordSettlesTheReservation()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "5")).Out.Trim();
        _server.StopImmediately();
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "late", "--duration", "60", "--reservation", id);
        _server.Start();

        var next = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "next", "--duration", "60");

        Assert.Equal(0, next.ExitCode);
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.reservations"));
        Assert.Equal(2L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.sessions WHERE name IN ('late', 'next')"));
    }

    [Fact]
    public async Task Record_ServerDownTwice_BothSessionsWaitInTheOutboxTheWarningNames()
    {
        _server.StopImmediately();

        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "offline-1", "--duration", "60");
        var second = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "offline-2", "--duration", "60");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"the session is kept in {Outbox} ", Assert.Single(second.ErrorLines), StringComparison.Ordinal);
        var kept = File.ReadAllText(Outbox);
        Assert.Contains("\"name\": \"offline-1\"", kept, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"offline-2\"", kept, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_omk.StateDirectory, "costs-outbox.json.sending-*"));
    }

    [Fact]
    public async Task Report_ServerBackAfterOfflineRecords_SendsTheOutboxFirst()
    {
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "online", "--duration", "60");
        _server.StopImmediately();
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "offline-1", "--duration", "60");
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "offline-2", "--duration", "60");
        _server.Start();

        var report = await _omk.RunAsync("cost", "report", "--by", "name", "--json");

        Assert.Equal(0, report.ExitCode);
        Assert.Equal(3, report.Json().GetProperty("sessions").GetInt32());
        Assert.False(File.Exists(Outbox));
        Assert.Equal(3L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.sessions"));
    }

    [Fact]
    public async Task Report_ServerDown_FailsNamingTheStore()
    {
        _server.StopImmediately();

        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("omk: could not connect to the team store postgresql://postgres@/", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_ServerStoppedImmediatelyInTheMiddleOf200_EveryAcknowledgedRecordIsStoredOnceAfterSync()
    {
        var acknowledged = new List<string>();
        var keptInOutbox = 0;
        Task? stop = null;
        for (var n = 0; n < 200; n++)
        {
            if (n == 100)
            {
                // Stopped while the next records run, so that one may lose its connection in the middle of its insert.
                stop = Task.Run(_server.StopImmediately);
            }


            var name = $"r{n}";
            var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", name, "--duration", "60");
            if (result.ExitCode == 0)
            {
                acknowledged.Add(name);
                keptInOutbox += result.Error.Contains("omk: warning:", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        await stop!;
        _server.Start();

        var sync = await _omk.RunAsync("cost", "sync");

        Assert.Equal(0, sync.ExitCode);
        Assert.Equal(200, acknowledged.Count);
        var fromOutbox = int.Parse(Regex.Match(sync.Out, @"; (\d+) from the outbox").Groups[1].Value, CultureInfo.InvariantCulture);
        _output.WriteLine($"{acknowledged.Count} acknowledged, {keptInOutbox} kept in the outbox, {fromOutbox} sent from it by sync: {sync.Out}");
        Assert.InRange(keptInOutbox, 50, 100);
        Assert.Equal(keptInOutbox, fromOutbox);
        var stored = StoredNames();
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Outbox));
        Assert.Equal(0L, _server.Scalar(_database, "SELECT count(*) FROM omk_cost.sessions WHERE name IS NULL OR estimated_usd IS NULL OR started_at IS NULL"));
    }

    private List<string> StoredNames()
    {
        var names = (string?)_server.Scalar(_database, "SELECT string_agg(name, ',') FROM omk_cost.sessions") ?? string.Empty;
        return [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    public void Dispose() => _omk.Dispose();
}
