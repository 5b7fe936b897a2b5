using System.Text.RegularExpressions;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// The traps where a command printed a confident, wrong figure without a word: an ambiguous unit, a run without a
/// size, a role or model that matches no rule, an absurd value, a time in the future, a report without its window.
/// </summary>
public sealed partial class WrongNumberTests : IDisposable
{
    private readonly CliRunner _omk = new();

    [Fact]
    public async Task ReportLast_BareM_IsRefusedAsAmbiguous()
    {
        var result = await _omk.RunAsync("cost", "report", "--last", "30m");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--last 30m is ambiguous: write 30min for minutes or 30mo for months", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("3mo", "2026-08-20 18:00")]
    [InlineData("90min", "2026-11-20 16:30")]
    [InlineData("2w", "2026-11-06 18:00")]
    public async Task ReportLast_Units_StateTheirWindowInTheZone(string span, string from)
    {
        await RecordAsync("team", "auth", "--duration", "30m");

        var result = await _omk.RunAsync("cost", "report", "--last", span, "--tz", "Asia/Shanghai");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Window: {from} to 2026-11-20 18:00 (Asia/Shanghai)\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportJson_CarriesTheWindowInTheZone()
    {
        await RecordAsync("team", "auth", "--duration", "30m");

        var json = (await _omk.RunAsync("cost", "report", "--last", "7d", "--tz", "Asia/Shanghai", "--json")).Json();

        var window = json.GetProperty("window");
        Assert.Equal("2026-11-13T18:00:00+08:00", window.GetProperty("start").GetString());
        Assert.Equal("2026-11-20T18:00:00+08:00", window.GetProperty("end").GetString());
    }

    [Fact]
    public async Task ReportCsv_EveryRowEndsWithTheWindow()
    {
        await RecordAsync("team", "auth", "--duration", "30m");

        var result = await _omk.RunAsync("cost", "report", "--since", "2026-11-01", "--until", "2026-11-30", "--tz", "Asia/Shanghai", "--csv");

        var lines = result.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",window_start,window_end", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",2026-11-01T00:00:00+08:00,2026-12-01T00:00:00+08:00", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_AllTime_SaysSo()
    {
        await RecordAsync("team", "auth", "--duration", "30m");

        var result = await _omk.RunAsync("cost", "report");

        Assert.Contains("Window: all time\n", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gate", "ralph", "--iterations", "10")]
    [InlineData("estimate", "ralph", "--iterations", "10")]
    [InlineData("estimate", "team", "--workers", "3")]
    [InlineData("estimate", "autopilot", "--phases", "4")]
    [InlineData("estimate", "custom", "--workers", "2")]
    [InlineData("estimate", "team", "--duration", "0")]
    public async Task RunWithoutDuration_IsRefusedSayingWhatToGive(params string[] command)
    {
        var result = await _omk.RunAsync(["cost", .. command]);

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("^omk: an? [a-z]+ run needs --duration longer than zero, such as --duration 30m", result.Error);
        Assert.Empty(result.Out);
        Assert.False(File.Exists(Path.Combine(_omk.StateDirectory, "reservations.json")));
    }

    [Fact]
    public async Task RecordWithZeroDuration_IsRefused()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs --duration longer than zero", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Theory]
    [InlineData("estimate")]
    [InlineData("gate")]
    public async Task HelpExamples_AllRunAndPriceMoreThanACent(string command)
    {
        // The gate's examples name the budget of the README's example.
        Assert.Equal(0, (await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100", "--period", "month")).ExitCode);
        var help = (await _omk.RunAsync("cost", command, "--help")).Out;
        var examples = ExampleLine().Matches(help).Select(static match => match.Groups["args"].Value).ToList();
        Assert.NotEmpty(examples);

        foreach (var example in examples)
        {
            var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--json").ToArray();
            var result = await _omk.RunAsync(["cost", command, .. args.Distinct()]);

            Assert.True(result.ExitCode == 0, $"omk cost {command} {example}: {result.Error}");
            var json = result.Json();
            var usd = command == "gate" ? json.GetProperty("usd").GetDecimal() : json.GetProperty("estimated_usd").GetDecimal();
            Assert.True(usd >= 0.01m, $"omk cost {command} {example} priced {usd}");
        }
    }

    [Fact]
    public async Task TeamRoleThatMatchesNoRule_SaysItIsPricedAsStandard()
    {
        var result = await _omk.RunAsync("cost", "estimate", "team", "--duration", "30m", "--workers", "3", "--role", "archtect");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk: note: --role 'archtect' names neither architect nor security: priced as Standard\n", result.Error);
        Assert.StartsWith("~$0.4095", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordedTeamRoleThatMatchesNoRule_SaysItIsPricedAsStandard()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "30m", "--role", "archtect");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--role 'archtect' names neither architect nor security: priced as Standard", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelHintThatMatchesNoRule_SaysItIsPricedAsStandard()
    {
        var unknown = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "1h", "--model", "kimmi");
        var known = await _omk.RunAsync("cost", "estimate", "custom", "--duration", "1h", "--model", "kimi");

        Assert.Contains("--model 'kimmi' matches no rule", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(known.Error);
    }

    [Theory]
    [InlineData("--duration 5124095576030431h", "--duration 5124095576030431h is over the limit of 8784h (366 days)")]
    [InlineData("--duration 9000h", "--duration 9000h is over the limit of 8784h (366 days)")]
    [InlineData("--duration 1h --workers 1001", "--workers 1001 is over the limit of 1,000 workers")]
    [InlineData("--duration 1h --iterations 10001", "--iterations 10001 is over the limit of 10,000")]
    public async Task EstimateBeyondALimit_IsRefusedNamingIt(string options, string message)
    {
        var result = await _omk.RunAsync(["cost", "estimate", "custom", .. options.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"omk: {message}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--input-tokens 1000000000001 --output-tokens 1", "--input-tokens 1000000000001 is over the limit of 1,000,000,000,000 tokens")]
    [InlineData("--input-tokens 1 --output-tokens 1 --actual-usd 1000000.01", "--actual-usd 1000000.01 is over the limit of $1,000,000.00")]
    public async Task RecordBeyondALimit_IsRefusedNamingIt(string options, string message)
    {
        var result = await _omk.RunAsync(["cost", "record", "--type", "ralph", "--name", "x", .. options.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"omk: {message}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task BudgetLimitBeyondTheMoneyLimit_IsRefused()
    {
        var result = await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "5000000", "--period", "month");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit 5000000 is over the limit of $1,000,000.00", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--started-at", "2026-11-21")]
    [InlineData("--ended-at", "2026-11-20T10:10:00Z")]
    public async Task RecordInTheFuture_IsRefused(string option, string time)
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "30m", option, time, "--tz", "UTC");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{option} {time} is in the future", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task RecordAFewSecondsAhead_IsKeptForClocksApart()
    {
        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "30m", "--ended-at", "2026-11-20T10:02:00Z");

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Report_WithoutActualCosts_IsTheTable()
    {
        await RecordAsync("team", "auth", "--duration", "30m");

        var result = await _omk.RunAsync("cost", "report");

        Assert.Equal(
            "OMK Cost Report\nWindow: all time\nTotal spent: $0.14 (actual cost where known, else the estimate)\n\n"
            + " Session type   Sessions   Estimated   Actual   Spent\n"
            + "────────────────────────────────────────────────────────\n"
            + " team                  1       $0.14        -   $0.14\n"
            + "────────────────────────────────────────────────────────\n"
            + " Total                 1       $0.14        -   $0.14\n\nSessions: 1\n",
            result.Out);
    }

    [Fact]
    public async Task ReportFormatReference_IsTheRustText()
    {
        await RecordAsync("team", "auth", "--duration", "30m");
        await RecordAsync("ralph", "stories", "--input-tokens", "1000", "--output-tokens", "100", "--actual-usd", "1.25");

        var result = await _omk.RunAsync("cost", "report", "--format", "reference");

        Assert.Equal("OMK Cost Report\nTotal estimated: ~$0.1393\n\nBy session type:\n  ralph                $0.0028\n  team                 $0.1365\n\nSessions: 2\n", result.Out);
    }

    [Fact]
    public async Task BudgetSetWithoutPeriod_SaysItIsAnAllTimeBudget()
    {
        var result = await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("omk: note: without --period \"monthly\" is an all-time budget; give --period day, week or month for one that starts again each period\n", result.Error);
    }

    [Fact]
    public async Task WrongOmkTz_IsAWarningForACommandThatUsesNoZone()
    {
        _omk.Variables["OMK_TZ"] = "Asia/Shangai";

        var result = await _omk.RunAsync("cost", "record", "--type", "team", "--name", "auth", "--duration", "30m");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("omk: warning: $OMK_TZ: unknown time zone 'Asia/Shangai'", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(_omk.CostsFile));
    }

    [Fact]
    public async Task WrongOmkTz_StillFailsACommandThatUsesTheZone()
    {
        _omk.Variables["OMK_TZ"] = "Asia/Shangai";

        var result = await _omk.RunAsync("cost", "report", "--by", "day");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("omk: $OMK_TZ: unknown time zone 'Asia/Shangai'", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _omk.Dispose();

    [GeneratedRegex(@"^    (?:id=\$\()?omk cost (?:estimate|gate) (?<args>[^)\n]+)", RegexOptions.Multiline)]
    private static partial Regex ExampleLine();

    private async Task RecordAsync(string type, string name, params string[] options)
    {
        var result = await _omk.RunAsync(["cost", "record", "--type", type, "--name", name, .. options]);
        Assert.Equal(0, result.ExitCode);
    }
}
