using System.Runtime.Versioning;
using Omk.Cli.Tests.Fixtures;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// The gate against a team store that cannot be reached (a socket folder with no server): it fails closed, or with
/// <c>--fail-open</c> admits the run with a reservation no store holds, whose settle and release then cost nothing.
/// </summary>
public sealed class TeamStoreGateTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private readonly PostgreSqlDatabase _database;
    private readonly CliRunner _omk = new();
    private readonly string _unreachable;

    public TeamStoreGateTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
        var nowhere = _omk.Folder.Folder("no-server");
        _unreachable = $"postgresql://recorder:S3cret-gate@/omk?host={Uri.EscapeDataString(nowhere)}&connect_timeout=1";
        _omk.Variables["OMK_COST_STORE"] = _unreachable;
    }

    private string Shown => _unreachable.Replace(":S3cret-gate", string.Empty, StringComparison.Ordinal);

    private string Outbox => Path.Combine(_omk.StateDirectory, "costs-outbox.json");

    [Fact]
    public async Task Gate_StoreUnreachable_FailsClosedWithOneLineNamingTheStoreWithoutPassword()
    {
        var result = await _omk.RunAsync("cost", "gate", "--usd", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: could not connect to the team store {Shown}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-gate", line, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Record_InsecureStateDirWritableByOthersStoreUnreachable_KeepsTheSessionInTheOutbox()
    {
        Directory.CreateDirectory(_omk.StateDirectory);
        File.SetUnixFileMode(_omk.StateDirectory, (UnixFileMode)0b111_111_111);

        var result = await _omk.RunAsync("--insecure-state-dir", "cost", "record", "--type", "team", "--name", "shared-folder", "--duration", "60");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"the session is kept in {Outbox}", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("\"name\": \"shared-folder\"", File.ReadAllText(Outbox), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_FailOpenStoreUnreachable_AdmitsWithOneWarningAndAnUnstoredReservation()
    {
        var result = await _omk.RunAsync("cost", "gate", "--usd", "1", "--fail-open");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^unstored-[0-9a-f]{16}\n$", result.Out);
        var warning = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"omk: warning: could not connect to the team store {Shown}: ", warning, StringComparison.Ordinal);
        Assert.Contains($"admitted without checking the budgets (--fail-open): reservation {result.Out.Trim()} is not stored", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-gate", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Outbox));
    }

    [Fact]
    public async Task Gate_FailOpenJson_PrintsTheReservationWithNoBudgetsChecked()
    {
        var result = await _omk.RunAsync("cost", "gate", "--usd", "2.5", "--fail-open", "--json");

        Assert.Equal(0, result.ExitCode);
        var gate = result.Json();
        Assert.StartsWith("unstored-", gate.GetProperty("reservation_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(2.5m, gate.GetProperty("usd").GetDecimal());
        Assert.Equal(0, gate.GetProperty("budgets").GetArrayLength());
    }

    [Fact]
    public async Task SettleAndRelease_UnstoredReservationStoreStillUnreachable_RecordToTheOutboxAndReleaseNothing()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--fail-open")).Out.Trim();

        var settle = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "run", "--duration", "60", "--reservation", id);
        var release = await _omk.RunAsync("cost", "release", id);

        Assert.Equal(0, settle.ExitCode);
        Assert.Contains($"in {Outbox}\n", settle.Out, StringComparison.Ordinal);
        Assert.StartsWith("omk: warning: could not connect to the team store", Assert.Single(settle.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("\"name\": \"run\"", File.ReadAllText(Outbox), StringComparison.Ordinal);
        Assert.Equal(0, release.ExitCode);
        Assert.Equal($"Reservation {id} was admitted while the store could not be reached (--fail-open) and was never stored: nothing to release.\n", release.Out);
        Assert.Empty(release.Error);
    }

    [Fact]
    public async Task Settle_UnstoredReservationStoreBack_RecordsInTheStoreWithoutComplaint()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--fail-open")).Out.Trim();
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();

        var settle = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "back", "--duration", "60", "--reservation", id);

        Assert.Equal(0, settle.ExitCode);
        Assert.Empty(settle.Error);
        Assert.Contains($"in {_database.Uri()}\n", settle.Out, StringComparison.Ordinal);
        Assert.Equal(1L, _database.Scalar("SELECT count(*) FROM omk_cost.sessions WHERE name = 'back'"));
    }

    [Fact]
    public async Task Settle_StoredReservationStoreGone_KeepsTheSessionInTheOutbox()
    {
        _omk.Variables["OMK_COST_STORE"] = _database.Uri();
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "20", "--period", "month");
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "1")).Out.Trim();
        _omk.Variables["OMK_COST_STORE"] = _unreachable;

        var settle = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "late", "--duration", "60", "--reservation", id);

        Assert.Equal(0, settle.ExitCode);
        var warning = Assert.Single(settle.ErrorLines);
        Assert.Contains($"the session is kept in {Outbox}", warning, StringComparison.Ordinal);
        Assert.EndsWith($"; reservation {id} is settled with it when it is sent (at once if the store received this step before the connection failed)", warning, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"late\"", File.ReadAllText(Outbox), StringComparison.Ordinal);
        Assert.Equal(1L, _database.Scalar($"SELECT count(*) FROM omk_cost.reservations WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Release_StoredReservationStoreUnreachable_FailsClosed()
    {
        var result = await _omk.RunAsync("cost", "release", "r0123456789abcdef");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"omk: could not connect to the team store {Shown}: ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
