using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// <c>omk cost watch kimi --limit</c> started as a new user would, before Kimi: the home holds only a session whose log
/// is dated tomorrow (a clock that was wrong), and the session that spends starts after the watch. Each call is written
/// once the watch has shown the one before, so the test waits for what it proves and bounds no time.
/// </summary>
public sealed class WatchFollowProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _share;

    public WatchFollowProcessTests()
    {
        _share = _folder.Folder("kimi");
        FakeKimiAgent.WriteConfig(_share);
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        Append(Wire("/work/skewed", "future-1"), $$$$"""{"timestamp": {{{{tomorrow}}}}.5, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 1000, "output": 100, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "f1"}}}""" + "\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Watch_StartedBeforeTheSession_FollowsItWhenItStartsAndStopsItAtTheLimit()
    {
        using var watch = new LiveOmk(
            _folder.Folder("home"),
            new Dictionary<string, string> { ["KIMI_SHARE_DIR"] = _share, ["KIMI_CODE_HOME"] = _folder.Combine("kimi-code"), ["OMK_STATE_DIR"] = _folder.Combine("state") },
            "cost", "watch", "kimi", "--json", "--interval", "1s", "--limit", "0.3");
        var wire = Wire("/work/live", "live-1");

        for (var call = 1; call <= 2; call++)
        {
            Append(wire, Call(call));
            var expected = call * 0.135m;
            var (_, reading) = await watch.NextAsync(line => line.GetProperty("session_id").GetString() == "live-1" && line.GetProperty("spent_usd").GetDecimal() == expected, TimeSpan.FromMinutes(1));
            Assert.Equal("reading", reading.GetProperty("event").GetString());
        }

        Append(wire, Call(3));
        var (_, exceeded) = await watch.NextAsync(static line => line.GetProperty("event").GetString() != "reading", TimeSpan.FromMinutes(1));
        var (exitCode, error) = await watch.ExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("limit_exceeded", exceeded.GetProperty("event").GetString());
        Assert.Equal("live-1", exceeded.GetProperty("session_id").GetString());
        Assert.Equal(0.405m, exceeded.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(3, exitCode);
        Assert.DoesNotContain("future-1", watch.Transcript, StringComparison.Ordinal);
        Assert.Contains("omk: following Kimi session live-1 (/work/live)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_NoLimitNoBudgetNamed_StopsAtWhatTheBudgetsThatApplyToKimiLeave()
    {
        var (omk, variables) = Omk();

        // A team budget does not apply to a Kimi run; the all-types one does.
        Assert.Equal(0, (await omk.RunAsync("cost", "budget", "set", "all", "--limit", "0.30", "--period", "month")).ExitCode);
        Assert.Equal(0, (await omk.RunAsync("cost", "budget", "set", "team-only", "--limit", "0.10", "--period", "month", "--type", "team")).ExitCode);

        // What the budget counts already: the session dated tomorrow, when tomorrow is in this month.
        var spentBefore = (await omk.RunAsync("cost", "budget", "check", "all", "--json")).Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal();
        using var watch = new LiveOmk(_folder.Combine("home"), variables, "cost", "watch", "kimi", "--json", "--interval", "1s");
        var wire = Wire("/work/live", "live-1");

        for (var call = 1; call <= 2; call++)
        {
            Append(wire, Call(call));
            var expected = call * 0.135m;
            await watch.NextAsync(line => line.GetProperty("session_id").GetString() == "live-1" && line.GetProperty("spent_usd").GetDecimal() == expected, TimeSpan.FromMinutes(1));
        }

        Append(wire, Call(3));
        var (_, exceeded) = await watch.NextAsync(static line => line.GetProperty("event").GetString() != "reading", TimeSpan.FromMinutes(1));
        var (exitCode, error) = await watch.ExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("limit_exceeded", exceeded.GetProperty("event").GetString());
        Assert.Equal(0.30m - spentBefore, exceeded.GetProperty("limit_usd").GetDecimal());
        Assert.Equal(3, exitCode);
        Assert.Contains("omk: the watch stops at what budget all leaves", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_BudgetWithSpendInAnotherUnimportedSession_StopsWhereTheBudgetIsExhausted()
    {
        var (omk, variables) = Omk();

        // Another Kimi session, never imported, spent two calls ($0.27) of a $0.50 budget.
        var other = Wire("/work/other", "other-1");
        Append(other, Call(101));
        Append(other, Call(102));
        Assert.Equal(0, (await omk.RunAsync("cost", "budget", "set", "all", "--limit", "0.50", "--period", "month")).ExitCode);
        var spentBefore = (await omk.RunAsync("cost", "budget", "check", "all", "--json")).Json().GetProperty("budgets")[0].GetProperty("spent_usd").GetDecimal();
        Assert.True(spentBefore >= 0.27m, $"the budget counts {spentBefore}");
        using var watch = new LiveOmk(_folder.Combine("home"), variables, "cost", "watch", "kimi", "--json", "--interval", "1s", "--session", "live-1", "--budget", "all");
        var wire = Wire("/work/live", "live-1");

        Append(wire, Call(1));
        var (_, first) = await watch.NextAsync(static line => line.GetProperty("session_id").GetString() == "live-1" && line.GetProperty("spent_usd").GetDecimal() == 0.135m, TimeSpan.FromMinutes(1));
        Append(wire, Call(2));
        var (_, second) = await watch.NextAsync(static line => line.GetProperty("event").GetString() != "reading", TimeSpan.FromMinutes(1));
        var (exitCode, _) = await watch.ExitAsync(TimeSpan.FromMinutes(1));

        // The watched session may spend what the budget leaves after the other session: $0.50 − $0.27 and what else it
        // counts. Its first call stays within; its second exhausts the budget, where `budget check` says 100 %.
        Assert.Equal("reading", first.GetProperty("event").GetString());
        Assert.Equal(0.50m - spentBefore, first.GetProperty("limit_usd").GetDecimal());
        Assert.Equal("limit_exceeded", second.GetProperty("event").GetString());
        Assert.Equal(0.27m, second.GetProperty("spent_usd").GetDecimal());
        Assert.Equal(0.50m - spentBefore, second.GetProperty("limit_usd").GetDecimal());
        Assert.Equal(3, exitCode);
        var after = await omk.RunAsync("cost", "budget", "check", "all", "--json");
        Assert.True(after.Json().GetProperty("budgets")[0].GetProperty("exceeded").GetBoolean(), after.Out);
    }

    /// <summary>omk with the test's home, Kimi folders and state folder, and those variables for a watch.</summary>
    private (OmkProcess Omk, Dictionary<string, string> Variables) Omk()
    {
        var variables = new Dictionary<string, string> { ["KIMI_SHARE_DIR"] = _share, ["KIMI_CODE_HOME"] = _folder.Combine("kimi-code"), ["OMK_STATE_DIR"] = _folder.Combine("state") };
        var omk = new OmkProcess(_folder.Folder("home"));
        foreach (var (name, value) in variables)
        {
            omk.Environment[name] = value;
        }

        return (omk, variables);
    }

    private static string Call(int call) => string.Create(
        CultureInfo.InvariantCulture,
        $$$$"""{"timestamp": {{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0:0.000}}}}, "message": {"type": "StatusUpdate", "payload": {"token_usage": {"input_other": 100000, "output": 10000, "input_cache_read": 0, "input_cache_creation": 0}, "message_id": "m{{{{call}}}}"}}}""") + "\n";

    /// <summary>The log of a Kimi CLI session of a work dir, which kimi.json maps back to it.</summary>
    private string Wire(string workDir, string sessionId)
    {
        var index = Path.Combine(_share, "kimi.json");
        var known = File.Exists(index) ? File.ReadAllText(index)[..^2] + ", " : "{\"work_dirs\": [";
        File.WriteAllText(index, known + $$"""{"path": "{{workDir}}", "kaos": "local"}]}""");
        var folder = Path.Combine(_share, "sessions", Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(workDir))), sessionId);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "wire.jsonl");
    }

    private static void Append(string path, string text) => File.AppendAllText(path, text);
}
