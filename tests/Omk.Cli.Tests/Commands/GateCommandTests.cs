using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

public sealed class GateCommandTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public void Dispose() => _omk.Dispose();

    private string ReservationsFile => Path.Combine(_omk.StateDirectory, "reservations.json");

    [Fact]
    public async Task Gate_AmountFits_PrintsOnlyTheReservationIdAndStoresIt()
    {
        await SetMonthlyAsync(10m);

        var result = await _omk.RunAsync("cost", "gate", "--usd", "4", "--type", "team", "--name", "auth");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^r[0-9a-f]{16}\n$", result.Out);
        Assert.Empty(result.Error);
        var reservation = Assert.Single(Reservations());
        Assert.Equal(result.Out.Trim(), reservation.GetProperty("id").GetString());
        Assert.Equal((4m, "team", "auth"), (reservation.GetProperty("usd").GetDecimal(), reservation.GetProperty("session_type").GetString(), reservation.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Gate_Json_PrintsTheReservationAndEachBudgetWithIt()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 3m)));
        await SetMonthlyAsync(10m);

        var result = await _omk.RunAsync("cost", "gate", "--usd", "2.5", "--ttl", "1h", "--json");

        var json = result.Json();
        JsonAssert.Keys(json, "reservation_id", "usd", "expires_at", "budgets");
        Assert.Equal(2.5m, json.GetProperty("usd").GetDecimal());
        Assert.Equal("2026-11-20T11:00:00Z", json.GetProperty("expires_at").GetString());
        var budget = Assert.Single(json.GetProperty("budgets").EnumerateArray());
        Assert.Equal("monthly", budget.GetProperty("name").GetString());
        Assert.Equal("2026-11-01T00:00:00+00:00", budget.GetProperty("period_start").GetString());
        Assert.Equal("2026-12-01T00:00:00+00:00", budget.GetProperty("period_end").GetString());
        Assert.Equal((10m, 3m, 2.5m, 4.5m), (
            budget.GetProperty("limit_usd").GetDecimal(),
            budget.GetProperty("spent_usd").GetDecimal(),
            budget.GetProperty("reserved_usd").GetDecimal(),
            budget.GetProperty("remaining_usd").GetDecimal()));
    }

    [Fact]
    public async Task Gate_AmountWouldExceed_ExitsThreeNamingTheBudgetAndWritesNothing()
    {
        _omk.WriteCostsFile(CostFile.Of(CostFile.Session("team", "a", "2026-11-20T09:00:00Z", 6m)));
        await SetMonthlyAsync(10m);
        await _omk.RunAsync("cost", "budget", "set", "big", "--limit", "1000");

        var result = await _omk.RunAsync("cost", "gate", "--usd", "5", "--json");

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal(
            "omk: gate refused: $5.00 would exceed budget \"monthly\" (2026-11-01 – 2026-11-30): limit $10.00, spent $6.00, reserved $0.00, remaining $4.00",
            Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(ReservationsFile));
    }

    [Fact]
    public async Task Gate_KindOfRun_ReservesTheEstimateForItsTypeWithTwiceItsDuration()
    {
        var estimate = await _omk.RunAsync("cost", "estimate", "team", "--duration", "8h", "--workers", "3", "--json");

        var result = await _omk.RunAsync("cost", "gate", "team", "--duration", "8h", "--workers", "3", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(estimate.Json().GetProperty("estimated_usd").GetDecimal(), json.GetProperty("usd").GetDecimal());
        Assert.Equal("2026-11-21T02:00:00Z", json.GetProperty("expires_at").GetString());
        Assert.Equal("team", Assert.Single(Reservations()).GetProperty("session_type").GetString());
    }

    [Fact]
    public async Task Gate_ShortRun_LivesAtLeastTwelveHours()
    {
        var result = await _omk.RunAsync("cost", "gate", "ralph", "--duration", "1m", "--json");

        Assert.Equal("2026-11-20T22:00:00Z", result.Json().GetProperty("expires_at").GetString());
    }

    [Fact]
    public async Task Gate_TypeScopedBudget_AppliesOnlyToItsType()
    {
        await _omk.RunAsync("cost", "budget", "set", "teams", "--limit", "1", "--type", "team");

        var ralph = await _omk.RunAsync("cost", "gate", "--usd", "5", "--type", "ralph");
        var team = await _omk.RunAsync("cost", "gate", "--usd", "5", "--type", "Team");

        Assert.Equal((0, 3), (ralph.ExitCode, team.ExitCode));
    }

    [Fact]
    public async Task Gate_NamedBudget_AddsToTheBudgetsThatApplyNeverReplacesThem()
    {
        await SetMonthlyAsync(1m);
        await _omk.RunAsync("cost", "budget", "set", "big", "--limit", "100");

        var result = await _omk.RunAsync("cost", "gate", "--usd", "5", "--type", "team", "--budget", "big", "--json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("monthly", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ReservationsFile));
    }

    [Fact]
    public async Task Gate_UnknownBudget_ExitsTwoAndWritesNothing()
    {
        var result = await _omk.RunAsync("cost", "gate", "--usd", "5", "--budget", "nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no budget named \"nope\"", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(ReservationsFile));
    }

    [Theory]
    [InlineData("cost", "gate")]
    [InlineData("cost", "gate", "--usd", "1", "team")]
    [InlineData("cost", "gate", "--usd", "1", "--duration", "30m")]
    [InlineData("cost", "gate", "--usd", "1", "--ttl", "0")]
    [InlineData("cost", "gate", "team", "--phases", "2")]
    [InlineData("cost", "gate", "--usd", "-1")]
    public async Task Gate_WrongCommandLine_ExitsTwoAndWritesNothing(params string[] args)
    {
        var result = await _omk.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.False(Directory.Exists(_omk.StateDirectory));
    }

    [Fact]
    public async Task Gate_PastWarnAt_AdmitsAndWarns()
    {
        await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "10", "--period", "month", "--warn-at", "50");

        var result = await _omk.RunAsync("cost", "gate", "--usd", "6");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("omk: warning: budget \"monthly\" is at 60% of its limit", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_Reservation_GivesTheMoneyBack()
    {
        await SetMonthlyAsync(10m);
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "10")).Out.Trim();

        var release = await _omk.RunAsync("cost", "release", id);
        var again = await _omk.RunAsync("cost", "gate", "--usd", "10");

        Assert.Equal(0, release.ExitCode);
        Assert.Equal($"Released reservation {id} ($10.00).\n", release.Out);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public async Task Release_ExpiredReservation_SaysSoAndRemovesIt()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromMinutes(20));

        var result = await _omk.RunAsync("cost", "release", id);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("had already expired", result.Out, StringComparison.Ordinal);
        Assert.Empty(Reservations());
    }

    [Fact]
    public async Task Release_UnknownReservation_ExitsOneNamingIt()
    {
        var result = await _omk.RunAsync("cost", "release", "r0000000000000000");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("omk: there is no reservation r0000000000000000 in ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_ExpiredReservation_NoLongerCountsButStaysListed()
    {
        await SetMonthlyAsync(10m);
        await _omk.RunAsync("cost", "gate", "--usd", "10", "--ttl", "15m");
        _omk.Clock.Advance(TimeSpan.FromMinutes(15));

        var result = await _omk.RunAsync("cost", "gate", "--usd", "10");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, Reservations().Count);
    }

    [Fact]
    public async Task Record_ReservationOfAnotherType_ExitsTwoNamingBothAndRecordsNothing()
    {
        await _omk.RunAsync("cost", "budget", "set", "team-day", "--limit", "5", "--period", "day", "--type", "team");
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "4", "--type", "team")).Out.Trim();

        var result = await _omk.RunAsync("cost", "record", "--type", "ralph", "--name", "auth", "--duration", "10m", "--reservation", id);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"team\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"ralph\"", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
        Assert.Single(Reservations());
    }

    [Fact]
    public async Task Record_Reservation_RecordsTheSessionAndRemovesTheReservationInOneStep()
    {
        await SetMonthlyAsync(10m);
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "10", "--type", "team")).Out.Trim();

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "10m", "--actual-usd", "4", "--reservation", id);
        var check = await _omk.RunAsync("cost", "budget", "check", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith($"Settled reservation {id} ($10.00 reserved).\n", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
        Assert.Empty(Reservations());
        var budget = Assert.Single(check.Json().GetProperty("budgets").EnumerateArray());
        Assert.Equal((4m, 0m), (budget.GetProperty("spent_usd").GetDecimal(), budget.GetProperty("reserved_usd").GetDecimal()));
    }

    [Fact]
    public async Task Record_ExpiredReservation_StillRecordsAndSaysSo()
    {
        var id = (await _omk.RunAsync("cost", "gate", "--usd", "1", "--ttl", "15m")).Out.Trim();
        _omk.Clock.Advance(TimeSpan.FromHours(1));

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "10m", "--reservation", id, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("auth", result.Json().GetProperty("name").GetString());
        Assert.Equal($"omk: reservation {id} had expired and no longer counted; the session is recorded and the reservation removed", Assert.Single(result.ErrorLines));
        Assert.Empty(Reservations());
    }

    [Fact]
    public async Task Record_UnknownReservation_StillRecordsAndSaysSo()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "10m", "--reservation", "rnone");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Recorded team session \"auth\"", result.Out, StringComparison.Ordinal);
        Assert.Equal("omk: there is no reservation rnone (it may have been released, or swept a week after it expired); the session is recorded all the same", Assert.Single(result.ErrorLines));
        Assert.Contains("\"auth\"", File.ReadAllText(_omk.CostsFile), StringComparison.Ordinal);
    }

    private Task SetMonthlyAsync(decimal limit) =>
        _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "--period", "month", "--tz", "UTC");

    private List<JsonElement> Reservations()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReservationsFile));
        return [.. document.RootElement.GetProperty("reservations").EnumerateArray().Select(static element => element.Clone())];
    }
}
