using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// <c>omk cost reservations</c>: what gates hold is seen, renewed and given back; a settle of money another run took
/// names the overshoot; <c>budget check --json</c> names what it counts as reserved.
/// </summary>
public sealed class ReservationsCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public void Dispose() => _omk.Dispose();

    [Fact]
    public async Task Reservations_TwoGates_ListsEachWithItsIdNameTypeAmountMakerAndTimes()
    {
        var team = (await _omk.RunAsync("cost", "gate", "--usd", "4", "--type", "team", "--name", "nightly", "--ttl", "2h")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(1));
        var any = (await _omk.RunAsync("cost", "gate", "--usd", "1.5")).Out.Trim();

        var result = await _omk.RunAsync("cost", "reservations");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(static line => !line.StartsWith('─')).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(["Id", "Name", "Type", "Amount", "Who", "Where", "Created", "Expires"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            [team, "nightly", "team", "$4.00", Environment.UserName, Environment.MachineName, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            [any, "-", "any", "$1.50", Environment.UserName, Environment.MachineName, "2026-11-20T10:01:00Z", "2026-11-20T22:01:00Z"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ReservationsList_Json_GivesEveryFieldAndWhetherItStillCounts()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "4", "--type", "team", "--name", "nightly", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(20));

        var result = await _omk.RunAsync("cost", "reservations", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal("2026-11-20T10:20:00Z", json.GetProperty("as_of").GetString());
        var reservation = Assert.Single(json.GetProperty("reservations").EnumerateArray());
        Assert.Equal(
            (id, "nightly", "team", 4m, Environment.UserName, Environment.MachineName, "2026-11-20T10:00:00Z", "2026-11-20T10:15:00Z", false),
            (reservation.GetProperty("id").GetString(), reservation.GetProperty("name").GetString(), reservation.GetProperty("session_type").GetString(),
             reservation.GetProperty("usd").GetDecimal(), reservation.GetProperty("user").GetString(), reservation.GetProperty("host").GetString(),
             reservation.GetProperty("created_at").GetString(), reservation.GetProperty("expires_at").GetString(), reservation.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task Reservations_None_SaysSo()
    {
        var result = await _omk.RunAsync("cost", "reservations");

        Assert.Equal((0, $"No reservations in {_omk.CostsFile}.\n"), (result.ExitCode, result.Out));
    }

    [Fact]
    public async Task ReservationsExtend_RunStillGoing_KeepsItsMoneyHeldPastItsFirstExpiry()
    {
        await SetTenAsync();
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "8", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(10));

        var extend = await _omk.RunAsync("cost", "reservations", "extend", id, "--ttl", "1h");
        _omk.Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await _omk.RunAsync("cost", "gate", "--usd", "8");

        Assert.Equal((0, $"Extended reservation {id} ($8.00): it counts until 2026-11-20T11:10:00Z.\n"), (extend.ExitCode, extend.Out));
        Assert.Equal(3, second.ExitCode);
    }

    [Fact]
    public async Task ReservationsExtend_ExpiredAndItsMoneyGone_ExitsThreeNamingTheBudget()
    {
        await SetTenAsync();
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "8", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(20));
        await _omk.RunAsync("cost", "gate", "--usd", "8");

        var extend = await _omk.RunAsync("cost", "reservations", "extend", id);

        Assert.Equal(3, extend.ExitCode);
        Assert.StartsWith($"omk: reservation {id} expired at 2026-11-20T10:15:00Z and its $8.00 no longer fits budget \"ten\"", extend.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReservationsExtend_UnknownId_ExitsOne()
    {
        var extend = await _omk.RunAsync("cost", "reservations", "extend", "r0000000000000000");

        Assert.Equal(1, extend.ExitCode);
        Assert.StartsWith("omk: there is no reservation r0000000000000000 in ", extend.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseName_GateWhoseIdWasLost_ReleasesEveryReservationOfThatName()
    {
        var first = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--name", "nightly")).Out.Trim();
        var second = (await _omk.RunAsync("cost", "gate", "--usd", "2", "--name", "nightly")).Out.Trim();
        var other = (await _omk.RunAsync("cost", "gate", "--usd", "3", "--name", "other")).Out.Trim();

        var result = await _omk.RunAsync("cost", "reservations", "release", "--name", "nightly");

        Assert.Equal((0, $"Released 2 reservations named \"nightly\" ($3.00): {first}, {second}.\n"), (result.ExitCode, result.Out));
        Assert.Equal([other], await IdsAsync());
    }

    [Fact]
    public async Task ReleaseName_NoneOfThatName_ExitsOne()
    {
        var result = await _omk.RunAsync("cost", "release", "--name", "nightly");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("omk: there is no reservation named \"nightly\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseExpired_RemovesOnlyTheExpiredOnes()
    {
        var expired = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--ttl", "5m")).Out.Trim();
        var lasting = (await _omk.RunAsync("cost", "gate", "--usd", "2")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(6));

        var result = await _omk.RunAsync("cost", "release", "--expired");

        Assert.Equal((0, $"Removed 1 expired reservation (they held no money): {expired}.\n"), (result.ExitCode, result.Out));
        Assert.Equal([lasting], await IdsAsync());
    }

    [Theory]
    [InlineData("cost", "release")]
    [InlineData("cost", "release", "r1", "--expired")]
    [InlineData("cost", "release", "--name", "a", "--expired")]
    public async Task Release_NoneOrMoreThanOneWay_ExitsTwo(params string[] args)
    {
        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: give one of: a reservation's ID, --name NAME, or --expired", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_LateSettleOfMoneyAnotherRunTook_RecordsButExitsThreeNamingTheOvershoot()
    {
        await SetTenAsync();
        var late = (await _omk.RunAsync("cost", "gate", "--usd", "8", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(20));
        var other = (await _omk.RunAsync("cost", "gate", "--usd", "8")).Out.Trim();
        await _omk.RunAsync("cost", "record", "--type", "team", "--name", "other", "--duration", "10m", "--actual-usd", "8", "--reservation", other);

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "late", "--duration", "10m", "--actual-usd", "8", "--reservation", late);
        var check = await _omk.RunAsync("cost", "budget", "check");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains(
            $"omk: budget overshoot: reservation {late} had expired and its money went to other runs; the session is recorded and budget \"ten\" (all time): limit $10.00, spent $16.00",
            result.Error,
            StringComparison.Ordinal);
        Assert.Contains("\"late\"", File.ReadAllText(_omk.CostsFile), StringComparison.Ordinal);
        Assert.Equal(3, check.ExitCode);
    }

    [Fact]
    public async Task Record_ReservationWithoutType_TakesTheTypeItsGateFixed()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "4", "--type", "ralph")).Out.Trim();

        var result = await _omk.RunAsync("cost", "record", "--name", "stories", "--duration", "10m", "--reservation", id, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ralph", result.Json().GetProperty("session_type").GetString());
    }

    [Fact]
    public async Task Record_NoTypeAndAnUntypedReservation_ExitsTwo()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "4")).Out.Trim();

        var result = await _omk.RunAsync("cost", "record", "--name", "stories", "--duration", "10m", "--reservation", id);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"omk: reservation {id} was gated without a type: give --type", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task BudgetCheckJson_Reservations_ListsTheIdsItCountsAsReserved()
    {
        await SetTenAsync();
        var first = (await _omk.RunAsync("cost", "gate", "--usd", "1")).Out.Trim();
        var second = (await _omk.RunAsync("cost", "gate", "--usd", "2", "--type", "team")).Out.Trim();

        var check = await _omk.RunAsync("cost", "budget", "check", "--json");

        var budget = Assert.Single(check.Json().GetProperty("budgets").EnumerateArray());
        Assert.Equal([first, second], budget.GetProperty("reservation_ids").EnumerateArray().Select(static id => id.GetString()));
    }

    private Task SetTenAsync() => _omk.RunAsync("cost", "budget", "set", "ten", "--limit", "10");

    private async Task<List<string?>> IdsAsync()
    {
        var result = await _omk.RunAsync("cost", "reservations", "--json");
        return [.. result.Json().GetProperty("reservations").EnumerateArray().Select(static reservation => reservation.GetProperty("id").GetString())];
    }
}
