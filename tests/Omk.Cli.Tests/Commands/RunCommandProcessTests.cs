using System.Globalization;
using System.Text.Json;
using Omk.Cli.Tests.Fixtures;

namespace Omk.Cli.Tests.Commands;

/// <summary>
/// <c>omk cost run</c> as a real process over a fake Kimi agent (<c>Omk.FakeKimi</c>) that writes Kimi CLI or Kimi Code
/// logs in their real shapes, one call at a set rate, every third by a subagent. No bound here is in wall time: each
/// test waits for what it proves, with a minute as a hang guard.
/// </summary>
[Collection(nameof(TimedProcessCollection))]
public sealed class RunCommandProcessTests : IDisposable
{
    private const decimal CallUsd = FakeKimiAgent.CallUsd;

    /// <summary>The call whose cost brings the spend to $1: the eighth ($1.08).</summary>
    private const int CrossingCall = 8;

    private readonly TempFolder _folder = new();
    private readonly string _project;
    private readonly string _state;
    private readonly string _journal;
    private readonly OmkProcess _omk;

    public RunCommandProcessTests()
    {
        _project = _folder.Folder("project");
        _state = _folder.Combine("state");
        _journal = _folder.Combine("journal.txt");
        var share = _folder.Folder("kimi");
        FakeKimiAgent.WriteConfig(share);
        _omk = new OmkProcess(_folder.Folder("home")) { WorkingDirectory = _project };
        _omk.Environment["KIMI_SHARE_DIR"] = share;
        _omk.Environment["KIMI_CODE_HOME"] = _folder.Combine("kimi-code");
        _omk.Environment["OMK_STATE_DIR"] = _state;
    }

    private static string[] Agent(params string[] args) => FakeKimiAgent.Command(args);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("cli")]
    [InlineData("code")]
    public async Task Run_AgentSpendsPastTheLimit_StopsItWithExit3AndRecordsTheExactCostOnce(string format)
    {
        var result = await _omk.RunAsync(["cost", "run", "--limit", "1", "--grace", "30s", "--json", "--", .. Agent("--format", format, "--interval-ms", "150", "--journal", _journal)]);

        Assert.True(result.ExitCode == 3, result.Error);
        var summary = LastJson(result);
        Assert.Equal("stopped_at_budget", summary.GetProperty("outcome").GetString());
        Assert.Equal(130, summary.GetProperty("child_exit_code").GetInt32());
        var calls = Calls();
        Assert.True(calls.Count >= CrossingCall, File.ReadAllText(_journal));
        var session = Assert.Single(Ledger());
        Assert.Equal(calls.Count * CallUsd, session.GetProperty("actual_usd").GetDecimal());
        Assert.Equal("kimi", session.GetProperty("session_type").GetString());
        Assert.Equal("kimi-k2.6", session.GetProperty("model").GetString());
        Assert.Equal(_project, session.GetProperty("project").GetString());
        Assert.Equal(calls.Count * CallUsd, summary.GetProperty("spent_usd").GetDecimal());
        Assert.Equal("active", summary.GetProperty("reservation").GetString());

        // Past the limit are only the calls logged between the crossing call and the stop: none after SIGINT but the one
        // the agent may have had in flight.
        var signalled = DateTimeOffset.Parse(summary.GetProperty("signals")[0].GetString()!.Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(calls.Count(call => call.At > signalled) <= 1, File.ReadAllText(_journal));
        Assert.True(DateTimeOffset.Parse(summary.GetProperty("crossed_at").GetString()!, CultureInfo.InvariantCulture) <= signalled);
        Assert.True(summary.GetProperty("calls_at_stop").GetInt32() >= CrossingCall);
        Assert.False(File.Exists(Path.Combine(_state, "reservations.json")) && File.ReadAllText(Path.Combine(_state, "reservations.json")).Contains("\"id\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_AgentIgnoresSigint_IsTerminatedAfterTheGrace()
    {
        var result = await _omk.RunAsync(["cost", "run", "--limit", "1", "--grace", "1s", "--json", "--", .. Agent("--ignore-sigint", "--interval-ms", "100", "--journal", _journal)]);

        Assert.True(result.ExitCode == 3, result.Error);
        var summary = LastJson(result);
        Assert.Equal(15, summary.GetProperty("child_signal").GetInt32());
        Assert.Equal(["SIGINT", "SIGTERM"], summary.GetProperty("signals").EnumerateArray().Select(static signal => signal.GetString()!.Split(' ')[0]));
        Assert.Equal(Calls().Count * CallUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_AgentIgnoresSigintAndSigterm_IsKilledAfterTwoGraces()
    {
        var result = await _omk.RunAsync(["cost", "run", "--limit", "1", "--grace", "1s", "--json", "--", .. Agent("--ignore-sigint", "--ignore-sigterm", "--interval-ms", "100", "--journal", _journal)]);

        Assert.True(result.ExitCode == 3, result.Error);
        var summary = LastJson(result);
        Assert.Equal(9, summary.GetProperty("child_signal").GetInt32());
        Assert.Equal(["SIGINT", "SIGTERM", "SIGKILL"], summary.GetProperty("signals").EnumerateArray().Select(static signal => signal.GetString()!.Split(' ')[0]));
        Assert.Contains("ignored SIGTERM", File.ReadAllText(_journal), StringComparison.Ordinal);
        Assert.Equal(Calls().Count * CallUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_OmkInterrupted_PassesItOnAndSettlesWhatTheAgentSpent()
    {
        using var running = _omk.Start(["cost", "run", "--limit", "100", "--json", "--", .. Agent("--interval-ms", "100", "--journal", _journal)]);
        await WaitForAsync(() => File.Exists(_journal) && Calls().Count >= 2);

        running.Signal("INT");
        var result = await running.WaitAsync();

        Assert.True(result.ExitCode == 130, result.Error);
        var summary = LastJson(result);
        Assert.Equal("interrupted", summary.GetProperty("outcome").GetString());
        Assert.Contains("interrupted", File.ReadAllText(_journal), StringComparison.Ordinal);
        Assert.Equal(Calls().Count * CallUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_BudgetHasNoRoom_ExitsWith3AndStartsNothing()
    {
        Assert.Equal(0, (await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "0.5", "--period", "month")).ExitCode);

        var result = await _omk.RunAsync(["cost", "run", "--limit", "1", "--", .. Agent("--journal", _journal)]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("omk: run refused: $1.00 would exceed", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_journal));
        Assert.Empty(Ledger());
    }

    [Fact]
    public async Task Run_AnotherUnimportedKimiSessionSpent_IsStoppedWhenThatSpendAndItsOwnReachTheBudget()
    {
        // $0.405 already spent by another Kimi session on this machine (another folder, never imported), a $1 budget.
        const decimal OtherUsd = 3 * CallUsd;
        await SpendInAnotherSessionAsync(calls: 3);
        Assert.Equal(0, (await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "1", "--period", "month")).ExitCode);

        var result = await _omk.RunAsync(["cost", "run", "--usd", "0.5", "--json", "--", .. Agent("--interval-ms", "300", "--journal", _journal)]);

        // The run holds the $0.50 of its gate and then exactly the room left, $0.09 ($1 − $0.405 − $0.50, to the cent):
        // it counts the other session once and never its own (which what it holds counts). It is stopped at its fifth
        // call, where $0.405 + 5 × $0.135 = $1.08 reaches the budget; four calls ($0.945) did not.
        AssertStoppedAtTheFifthCallWithARoomOf59Cents(result, beforeUsd: OtherUsd);
        Assert.Equal(Calls().Count * CallUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_ResumesAKimiSessionThatSpentBefore_IsStoppedWhenThatSpendAndItsOwnReachTheBudget()
    {
        // A Kimi session of this folder spent $0.405 before the run (never imported); the run resumes it. A $1 budget.
        const string Session = "5d0f6b1e-3c2a-4f7e-9b1d-2a6c8e4f0a93";
        const decimal EarlierUsd = 3 * CallUsd;
        await SpendInAnotherSessionAsync(calls: 3, _project, "--session", Session);
        Assert.Equal(0, (await _omk.RunAsync("cost", "budget", "set", "monthly", "--limit", "1", "--period", "month")).ExitCode);

        var result = await _omk.RunAsync(["cost", "run", "--usd", "0.5", "--json", "--", .. Agent("--session", Session, "--interval-ms", "300", "--journal", _journal)]);

        // What the session spent before counts beside what the run holds: it holds $0.59 ($1 − $0.405, to the cent) and
        // is stopped at its fifth call, where $0.405 + 5 × $0.135 = $1.08 reaches the budget; four calls ($0.945) did not.
        AssertStoppedAtTheFifthCallWithARoomOf59Cents(result, beforeUsd: EarlierUsd);

        // The ledger holds the session whole under its id, what it spent before and in the run; an import changes nothing.
        var runUsd = Calls().Count * CallUsd;
        var recorded = Assert.Single(Ledger());
        Assert.Equal($"kimi:{Session}", recorded.GetProperty("id").GetString());
        Assert.Equal(EarlierUsd + runUsd, recorded.GetProperty("actual_usd").GetDecimal());
        Assert.Equal(0, (await _omk.RunAsync("cost", "import", "kimi")).ExitCode);
        var imported = Assert.Single(Ledger());
        Assert.Equal($"kimi:{Session}", imported.GetProperty("id").GetString());
        Assert.Equal(EarlierUsd + runUsd, imported.GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_ResumesAKimiSessionTheLedgerHolds_LeavesItThereWholeAndOnce()
    {
        // A Kimi session of this folder spent $0.405 before the run and was imported; the run resumes it for two calls.
        const string Session = "8e2d4c71-0b3f-4a9e-a5c6-7f1e3d2b9c04";
        const decimal EarlierUsd = 3 * CallUsd;
        await SpendInAnotherSessionAsync(calls: 3, _project, "--session", Session);
        Assert.Equal(0, (await _omk.RunAsync("cost", "import", "kimi")).ExitCode);
        Assert.Equal(EarlierUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());

        var result = await _omk.RunAsync(["cost", "run", "--limit", "1", "--json", "--", .. Agent("--session", Session, "--calls", "2", "--interval-ms", "10", "--journal", _journal)]);

        // The ledger holds the session once, with what it spent before and in the run; an import then changes nothing.
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2 * CallUsd, LastJson(result).GetProperty("spent_usd").GetDecimal());
        var session = Assert.Single(Ledger());
        Assert.Equal($"kimi:{Session}", session.GetProperty("id").GetString());
        Assert.Equal(EarlierUsd + (2 * CallUsd), session.GetProperty("actual_usd").GetDecimal());
        Assert.Equal(0, (await _omk.RunAsync("cost", "import", "kimi")).ExitCode);
        Assert.Equal(EarlierUsd + (2 * CallUsd), Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    [Fact]
    public async Task Run_SessionImportedWhileItRuns_LeavesTheLedgerHoldingItWhole()
    {
        // The run's new Kimi session is imported by another command after its second call; the agent makes four.
        using var running = _omk.Start(["cost", "run", "--limit", "100", "--json", "--", .. Agent("--calls", "4", "--interval-ms", "3000", "--journal", _journal)]);
        await WaitForAsync(() => File.Exists(_journal) && Calls().Count >= 2);
        Assert.Equal(0, (await _omk.RunAsync("cost", "import", "kimi")).ExitCode);
        var imported = Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal();

        var result = await running.WaitAsync();

        // The settle finds the session's id in the ledger and records no second row; the ledger must still end with
        // every call of it, not with what the import saw.
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(imported < 4 * CallUsd, $"the import saw the whole session ({imported}); the run ended before it");
        Assert.Equal(4 * CallUsd, Assert.Single(Ledger()).GetProperty("actual_usd").GetDecimal());
    }

    /// <summary>
    /// Asserts that a run beside $0.405 spent before it, under a $1 budget and <c>--usd 0.5</c>, held $0.59 and was
    /// stopped at its fifth call or later, where that spend and its own reached the budget (four calls did not).
    /// </summary>
    private static void AssertStoppedAtTheFifthCallWithARoomOf59Cents(CliResult result, decimal beforeUsd)
    {
        Assert.True(result.ExitCode == 3, result.Error);
        var summary = LastJson(result);
        Assert.Equal("stopped_at_budget", summary.GetProperty("outcome").GetString());
        Assert.Equal(0.59m, summary.GetProperty("held_usd").GetDecimal());
        var callsAtStop = summary.GetProperty("calls_at_stop").GetInt32();
        Assert.True(beforeUsd + (callsAtStop * CallUsd) >= 1m, $"stopped at {callsAtStop} calls, before the budget was reached");
        Assert.True(beforeUsd + (4 * CallUsd) < 1m);
        Assert.True(callsAtStop >= 5, result.Error);
    }

    /// <summary>Runs the fake agent outside omk (in a folder of its own unless given one): a Kimi session the ledger does not hold.</summary>
    private async Task SpendInAnotherSessionAsync(int calls, string? folder = null, params string[] arguments)
    {
        var agent = Agent(["--calls", calls.ToString(CultureInfo.InvariantCulture), "--interval-ms", "10", .. arguments]);
        var start = new System.Diagnostics.ProcessStartInfo(agent[0]) { WorkingDirectory = folder ?? _folder.Folder("other-project"), UseShellExecute = false };
        foreach (var argument in agent[1..])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in (string[])["KIMI_SHARE_DIR", "KIMI_CODE_HOME", "HOME"])
        {
            start.Environment[name] = _omk.Environment[name];
        }

        using var other = System.Diagnostics.Process.Start(start)!;
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await other.WaitForExitAsync(hangGuard.Token);
        Assert.Equal(0, other.ExitCode);
    }

    [Fact]
    public async Task Run_TeamStoreUnreachable_FailsClosedUnlessFailOpen()
    {
        _omk.Environment["OMK_COST_STORE"] = "postgresql://omk@127.0.0.1:1/omk";

        var closed = await _omk.RunAsync(["cost", "run", "--limit", "1", "--", .. Agent("--calls", "1", "--journal", _journal)]);
        Assert.Equal(1, closed.ExitCode);
        Assert.False(File.Exists(_journal));

        var open = await _omk.RunAsync(["cost", "run", "--limit", "1", "--fail-open", "--", .. Agent("--calls", "1", "--interval-ms", "10", "--journal", _journal)]);
        Assert.True(open.ExitCode == 0, open.Error);
        Assert.Contains("done", File.ReadAllText(_journal), StringComparison.Ordinal);
        Assert.Contains("--fail-open", open.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CommandNotFound_FailsWithOneLineAndGivesTheReservationBack()
    {
        var result = await _omk.RunAsync("cost", "run", "--limit", "1", "--", "no-such-agent-omk-test");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("omk: cannot start 'no-such-agent-omk-test': not found (give a path, or a program on the PATH); nothing was run and the reservation was given back", Assert.Single(result.ErrorLines));
        var check = await _omk.RunAsync("cost", "budget", "set", "all", "--limit", "1");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal(0, (await _omk.RunAsync(["cost", "run", "--limit", "1", "--", .. Agent("--calls", "1", "--interval-ms", "10")])).ExitCode);
    }

    [Fact]
    public async Task Run_Command_RunsInAProcessGroupOfItsOwn()
    {
        using var running = _omk.Start(["cost", "run", "--limit", "1", "--", .. Agent("--calls", "1", "--interval-ms", "10", "--journal", _journal)]);
        var result = await running.WaitAsync();

        Assert.True(result.ExitCode == 0, result.Error);
        var started = File.ReadAllLines(_journal)[0].Split(' ');
        Assert.Equal(started[1], started[3]);
        Assert.NotEqual(running.Id.ToString(CultureInfo.InvariantCulture), started[3]);
    }

    [Fact]
    public async Task Run_OnATerminal_GivesTheCommandTheForegroundAndTakesItBack()
    {
        var variables = _omk.Environment.Where(static pair => pair.Value is not null).ToDictionary(static pair => pair.Key, static pair => pair.Value!);

        var output = await PseudoTerminal.RunAsync(variables, ["cost", "run", "--limit", "1", "--", .. Agent("--calls", "1", "--interval-ms", "10", "--journal", _journal)]);

        var started = File.ReadAllLines(_journal)[0].Split(' ');
        Assert.Equal(started[1], started[3]);
        Assert.Equal(started[3], started[5]);
        Assert.Contains("omk: run exited: code 0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CommandStoppedOnATerminal_OmkStopsAsItsJobAndContinuesItWhenContinued()
    {
        var variables = _omk.Environment.Where(static pair => pair.Value is not null).ToDictionary(static pair => pair.Key, static pair => pair.Value!);
        var omkStops = 0;

        // The command stops its own group, as Ctrl-Z on its terminal does, and omk stops too, as a shell's job. The test
        // is the shell's fg: it continues omk (and script, which may stop with its child), never the command, which only
        // omk can then continue. Before, the command stayed stopped and the run never ended.
        var output = await PseudoTerminal.RunAsync(variables, columns: null, async script =>
        {
            // A hang guard only: before, the command stayed stopped and this would wait for ever.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (!script.HasExited)
            {
                Assert.True(DateTime.UtcNow < deadline, "the run did not end within 5 minutes: its command stayed stopped");
                foreach (var (id, state, commandLine) in Processes(script.Id))
                {
                    if (state == 'T' && (id == script.Id || commandLine.Contains("omk.dll", StringComparison.Ordinal)))
                    {
                        omkStops += id == script.Id ? 0 : 1;
                        using var resume = System.Diagnostics.Process.Start("kill", ["-CONT", id.ToString(CultureInfo.InvariantCulture)])!;
                        await resume.WaitForExitAsync();
                    }
                }

                await Task.Delay(50);
            }
        }, ["cost", "run", "--limit", "1", "--", "sh", "-c", "kill -TSTP 0; echo resumed-after-stop"]);

        Assert.Contains("resumed-after-stop", output, StringComparison.Ordinal);
        Assert.Contains("omk: run exited: code 0", output, StringComparison.Ordinal);
    }

    /// <summary>A process and those below it, with their state (<c>/proc/PID/stat</c>) and command line.</summary>
    private static List<(int Id, char State, string CommandLine)> Processes(int root)
    {
        var all = new List<(int Id, int Parent, char State, string CommandLine)>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                all.Add((id, int.Parse(fields[1], CultureInfo.InvariantCulture), fields[0][0], File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ')));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        var below = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in all.Where(process => !below.Contains(process.Id) && below.Contains(process.Parent)))
            {
                grew |= below.Add(process.Id);
            }
        }

        return [.. all.Where(process => below.Contains(process.Id)).Select(static process => (process.Id, process.State, process.CommandLine))];
    }

    private static JsonElement LastJson(CliResult result)
    {
        using var document = JsonDocument.Parse(result.ErrorLines[^1]);
        return document.RootElement.Clone();
    }

    /// <summary>The calls the fake agent logged, with when.</summary>
    private List<(int Call, DateTimeOffset At)> Calls() => FakeKimiAgent.Calls(_journal);

    private List<JsonElement> Ledger()
    {
        var path = Path.Combine(_state, "costs.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(static session => session.Clone())];
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "waited a minute");
            await Task.Delay(50);
        }
    }
}
