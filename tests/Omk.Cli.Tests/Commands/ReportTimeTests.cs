using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>The report's time zone, periods and windows, as a person types them.</summary>
public sealed class ReportTimeTests : IDisposable
{
    private readonly CliRunner _omk = new();

    public ReportTimeTests()
    {
        // Sessions at 23:30 UTC on Tuesday 2026-11-24 and at noon UTC on Friday 2026-11-27; the clock is 2026-11-20T10:00Z.
        _omk.WriteCostsFile(CostFile.Of(
            CostFile.Session("team", "late", "2026-11-24T23:30:00Z", 1m, 1.25m),
            CostFile.Session("team", "noon", "2026-11-27T12:00:00Z", 2m)));
    }

    [Theory]
    [InlineData("UTC", "2026-11-24")]
    [InlineData("Asia/Shanghai", "2026-11-25")]
    [InlineData("America/Los_Angeles", "2026-11-24")]
    public async Task Report_ByDayInAZone_SessionAt2330UtcIsOnTheZonesDay(string zone, string day)
    {
        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--tz", zone, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(day, result.Json().GetProperty("groups")[0].GetProperty("key").GetString());
        Assert.Equal(zone, result.Json().GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task Report_OmkTzVariable_IsTheDefaultZone()
    {
        _omk.Variables["OMK_TZ"] = "Asia/Shanghai";

        var result = await _omk.RunAsync("cost", "report", "--by", "day", "--json");

        var group = result.Json().GetProperty("groups")[0];
        Assert.Equal("2026-11-25", group.GetProperty("key").GetString());
        Assert.Equal("2026-11-25T00:00:00+08:00", group.GetProperty("start").GetString());
        Assert.Equal("2026-11-26T00:00:00+08:00", group.GetProperty("end").GetString());
    }

    [Fact]
    public async Task Report_ByWeek_KeysAreIsoWeeks()
    {
        var result = await _omk.RunAsync("cost", "report", "--by", "week", "--tz", "UTC", "--json");

        var group = Assert.Single(result.Json().GetProperty("groups").EnumerateArray());
        Assert.Equal("2026-W48", group.GetProperty("key").GetString());
        Assert.Equal("2026-11-23T00:00:00+00:00", group.GetProperty("start").GetString());
    }

    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("20261125")]
    public async Task Report_SinceADayOfTheZone_StartsAtThatZonesMidnight(string since)
    {
        var shanghai = await _omk.RunAsync("cost", "report", "--by", "name", "--since", since, "--tz", "Asia/Shanghai", "--json");
        var utc = await _omk.RunAsync("cost", "report", "--by", "name", "--since", since, "--tz", "UTC", "--json");

        Assert.Equal(2, shanghai.Json().GetProperty("sessions").GetInt64());
        Assert.Equal(1, utc.Json().GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Report_UntilAWallTimeWithoutOffset_IsThatTimeInTheZone()
    {
        // 2026-11-25T07:00 in Shanghai is 23:00 UTC the day before: the 23:30 UTC session is after it.
        var result = await _omk.RunAsync("cost", "report", "--until", "2026-11-25T07:00", "--tz", "Asia/Shanghai", "--json");

        Assert.Equal(0, result.Json().GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Report_SinceAfterUntil_ExitsTwoNamingBoth()
    {
        var result = await _omk.RunAsync("cost", "report", "--since", "2026-11-28", "--until", "2026-11-21");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("omk: --since 2026-11-28 is after --until 2026-11-21", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EmptyWindow_SaysWhichWindowInWhichZone()
    {
        var result = await _omk.RunAsync("cost", "report", "--since", "2026-11-01", "--until", "2026-11-07", "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No sessions between 2026-11-01 and 2026-11-07 (Asia/Shanghai).\n", result.Out);
    }

    [Fact]
    public async Task Report_Last_CountsBackFromNow()
    {
        _omk.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));

        var day = await _omk.RunAsync("cost", "report", "--last", "24h", "--json");
        var week = await _omk.RunAsync("cost", "report", "--last", "7d", "--json");

        Assert.Equal(1, day.Json().GetProperty("sessions").GetInt64());
        Assert.Equal(2, week.Json().GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Report_TodayAndYesterday_AreTheZonesDays()
    {
        _omk.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

        var today = await _omk.RunAsync("cost", "report", "--since", "today", "--tz", "Asia/Shanghai", "--json");
        var yesterday = await _omk.RunAsync("cost", "report", "--since", "yesterday", "--until", "yesterday", "--tz", "UTC", "--json");

        Assert.Equal(2, today.Json().GetProperty("sessions").GetInt64());
        Assert.Equal(1, yesterday.Json().GetProperty("sessions").GetInt64());
    }

    [Theory]
    [InlineData("--last", "7y", "--last")]
    [InlineData("--since", "20261345", "--since")]
    public async Task Report_BadTime_ExitsTwoNamingTheOption(string option, string value, string named)
    {
        var result = await _omk.RunAsync("cost", "report", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("too large", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_LastWithSince_ExitsTwo()
    {
        var result = await _omk.RunAsync("cost", "report", "--last", "7d", "--since", "2026-11-01");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: --last does not go with --since or --until", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnknownZone_ExitsTwoNamingIt()
    {
        var result = await _omk.RunAsync("cost", "report", "--tz", "Mars/Olympus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Mars/Olympus", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_TimeOptions_SayAWallTimeIsOfTheZone()
    {
        var result = await _omk.RunAsync("cost", "report", "--help");

        Assert.Contains("without an offset, a wall time of the --tz zone", result.Out, StringComparison.Ordinal);
        Assert.Contains("--tz", result.Out, StringComparison.Ordinal);
        Assert.Contains("--last", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();
}
