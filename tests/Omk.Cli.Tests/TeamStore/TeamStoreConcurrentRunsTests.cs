using System.Globalization;
using System.Text.Json;
using Omk.Cli.Tests.Fixtures;
using Omk.Testing;
using Omk.Testing.Stores;

namespace Omk.Cli.Tests.TeamStore;

/// <summary>
/// Five <c>omk cost run</c>s started at once from four "machines" (each its own home, state folder and Kimi share
/// folder; one runs two) against one $5 team budget, over the fake Kimi agent spending $0.135 a call with no end of
/// its own: together they never hold more than the budget, and together they spend no more than it plus the calls each
/// agent logged after the one that reached what its run held. A run that resumes a session the store holds leaves it
/// there once and whole. No bound here is in wall time.
/// </summary>
[Collection(nameof(TimedProcessCollection))]
public sealed class TeamStoreConcurrentRunsTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const decimal CallUsd = FakeKimiAgent.CallUsd;

    private const decimal BudgetUsd = 5m;

    private readonly PostgreSqlDatabase _database;
    private readonly TempFolder _folder = new();

    public TeamStoreConcurrentRunsTests(PostgreSqlDatabase database)
    {
        _database = database;
        _database.Execute("DROP SCHEMA IF EXISTS omk_cost CASCADE");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_FiveAtOnceFromFourMachines_HoldNoMoreThanTheBudgetAndSpendOnlyTheCallsInFlightPastIt()
    {
        var setup = Machine(0, "setup");
        var set = await setup.Omk.RunAsync("cost", "budget", "set", "team", "--limit", "5", "--period", "month");
        Assert.True(set.ExitCode == 0, set.Error);

        var runs = Enumerable.Range(0, 5).Select(run => Machine(run % 4, $"project-{run}")).ToList();
        var started = runs.Select(run => run.Omk.RunAsync(["cost", "run", "--budget", "team", "--usd", "0.5", "--grace", "30s", "--json", "--",
            .. FakeKimiAgent.Command("--interval-ms", "250", "--calls", "1000", "--journal", run.Journal)])).ToList();
        var results = await Task.WhenAll(started);

        var held = 0m;
        var spent = 0m;
        var pastTheCrossing = 0m;
        for (var index = 0; index < runs.Count; index++)
        {
            var result = results[index];
            Assert.True(result.ExitCode == 3, $"run {index}: exit {result.ExitCode}: {result.Error}");
            using var document = JsonDocument.Parse(result.ErrorLines[^1]);
            var summary = document.RootElement;
            Assert.Equal("stopped_at_budget", summary.GetProperty("outcome").GetString());
            var runSpent = summary.GetProperty("spent_usd").GetDecimal();
            var runHeld = summary.GetProperty("held_usd").GetDecimal();
            var crossedAt = DateTimeOffset.Parse(summary.GetProperty("crossed_at").GetString()!, CultureInfo.InvariantCulture);

            // The call that crossed what the run held, and every call logged after it, are all it may spend past it.
            var calls = FakeKimiAgent.Calls(runs[index].Journal).Select(static call => call.At).ToList();
            Assert.Equal(calls.Count * CallUsd, runSpent);
            var after = calls.Count(call => call > crossedAt);
            Assert.True(runSpent <= runHeld + ((after + 1) * CallUsd), $"run {index}: spent {runSpent}, held {runHeld}, {after} calls after the crossing");
            Assert.True(runSpent >= runHeld, $"run {index}: stopped at {runHeld} having spent only {runSpent}");
            held += runHeld;
            spent += runSpent;
            pastTheCrossing += (after + 1) * CallUsd;
        }

        Assert.True(held <= BudgetUsd, $"the runs held {held} together");
        Assert.True(spent <= BudgetUsd + pastTheCrossing, $"the runs spent {spent}, past the crossings {pastTheCrossing}");
        Assert.True(spent >= held, $"the runs spent {spent}, less than the {held} they were stopped at");

        // Each run left one session of its exact cost, and gave back every reservation.
        Assert.Equal(runs.Count, Convert.ToInt32(_database.Scalar("SELECT count(*) FROM omk_cost.sessions"), CultureInfo.InvariantCulture));
        Assert.Equal(spent, Convert.ToDecimal(_database.Scalar("SELECT sum(actual_usd) FROM omk_cost.sessions"), CultureInfo.InvariantCulture));
        Assert.Equal(0, Convert.ToInt32(_database.Scalar("SELECT count(*) FROM omk_cost.reservations"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Run_ResumesASessionTheStoreHolds_LeavesItThereWholeAndOnce()
    {
        // A run starts session S for three calls (the store records them under kimi:S); a second run resumes S for two.
        const string Session = "c3a1f0d2-6b7e-4e58-9a14-0d2f8b6e5c17";
        var (omk, _) = Machine(0, "project");
        Assert.Equal(0, (await omk.RunAsync("cost", "store", "migrate")).ExitCode);
        var first = await omk.RunAsync(["cost", "run", "--limit", "1", "--", .. FakeKimiAgent.Command("--session", Session, "--calls", "3", "--interval-ms", "10")]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(3 * CallUsd, Convert.ToDecimal(_database.Scalar("SELECT sum(actual_usd) FROM omk_cost.sessions"), CultureInfo.InvariantCulture));

        var second = await omk.RunAsync(["cost", "run", "--limit", "1", "--", .. FakeKimiAgent.Command("--session", Session, "--calls", "2", "--interval-ms", "10")]);

        // The second run's settle inserts no second kimi:S; the session is then stored whole: five calls, once.
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal($"kimi:{Session}", _database.Scalar("SELECT string_agg(id, ',') FROM omk_cost.sessions"));
        Assert.Equal(5 * CallUsd, Convert.ToDecimal(_database.Scalar("SELECT sum(actual_usd) FROM omk_cost.sessions"), CultureInfo.InvariantCulture));
        Assert.Equal(0L, _database.Scalar("SELECT count(*) FROM omk_cost.reservations"));
    }

    /// <summary>A machine's omk in a project folder of its own: its home, state folder and Kimi share folder are the machine's.</summary>
    private (OmkProcess Omk, string Journal) Machine(int machine, string project)
    {
        var root = _folder.Folder($"machine-{machine}");
        var share = Path.Combine(root, "kimi");
        Directory.CreateDirectory(share);
        FakeKimiAgent.WriteConfig(share);
        var omk = new OmkProcess(Directory.CreateDirectory(Path.Combine(root, "home")).FullName) { WorkingDirectory = _folder.Folder(project) };
        omk.Environment["KIMI_SHARE_DIR"] = share;
        omk.Environment["KIMI_CODE_HOME"] = Path.Combine(root, "kimi-code");
        omk.Environment["OMK_STATE_DIR"] = Path.Combine(root, "state");
        omk.Environment["OMK_COST_STORE"] = _database.Uri();
        return (omk, Path.Combine(root, $"{project}.journal"));
    }
}
