using System.Diagnostics;
using Microsoft.Extensions.Options;
using Omk.Cli.Tests.Fixtures;
using Omk.Cost.Adapters.FileSystem;
using Omk.Cost.Adapters.FileSystem.Budgets;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Xunit.Abstractions;

namespace Omk.Cli.Tests;

/// <summary>
/// The gate across real processes: twenty <c>omk cost gate</c> started at the same moment never admit more than a
/// budget holds, and settles and releases running beside each other (<c>omk cost record --reservation</c> and
/// <c>omk cost release</c> in processes of their own, the rest through the same store in this one) never leave it
/// overshot.
/// </summary>
public sealed class GateProcessTests : IDisposable
{
    private const int Repetitions = 20;
    private const int Processes = 20;

    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;
    private readonly string _home;
    private readonly string _state;
    private readonly BudgetGate _gate;

    public GateProcessTests(ITestOutputHelper output)
    {
        _output = output;
        _home = _folder.Folder("home");
        _state = Path.Combine(_folder.Path, "state");
        // The test proves what the gates admit, not how fast: every wait for the lock may take as long as the store allows.
        var options = Options.Create(new OmkCostOptions { StateDirectory = _state, LockTimeout = TimeSpan.FromHours(1) });
        _gate = new BudgetGate(new JsonFileBudgetStore(new System.IO.Abstractions.FileSystem(), options, TimeProvider.System), TimeProvider.System);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Gate_TwentyProcessesAtOnceAgainstTenDollars_AdmitExactlyTenEveryTimeAndSettlesNeverOvershoot()
    {
        var clock = Stopwatch.StartNew();
        for (var repetition = 1; repetition <= Repetitions; repetition++)
        {
            // Ten dollars free this month, whatever earlier repetitions spent.
            var before = await MonthlyAsync();
            var limit = (before?.SpentUsd ?? 0m) + 10m;
            await _gate.SetBudgetAsync(new BudgetPolicy { Name = "monthly", LimitUsd = limit, Period = BudgetPeriodKind.Month, TimeZoneId = "UTC" });

            var gates = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ => RunAsync("cost", "gate", "--usd", "1", "--type", "team")));

            var admitted = gates.Where(static result => result.ExitCode == 0).ToList();
            var refused = gates.Count(static result => result.ExitCode == 3);
            _output.WriteLine($"repetition {repetition}: {admitted.Count} admitted, {refused} refused ({clock.Elapsed.TotalSeconds:F1} s)");
            Assert.True(admitted.Count + refused == Processes, string.Join("\n", gates.Where(static result => result.ExitCode is not (0 or 3)).Select(static result => result.Error)));
            Assert.Equal(10, admitted.Count);
            Assert.Equal(10, refused);
            var full = await AssertInvariantAsync(limit);
            Assert.Equal((limit - 10m, 10m), (full.SpentUsd, full.ReservedUsd));

            // Settle every other admitted run with what it reserved and release the rest, all at once: one settle and
            // one release by their omk commands in processes of their own, the others through the same store here.
            var steps = admitted
                .Select(static result => result.Out.Trim())
                .Select((id, index) => index switch
                {
                    0 => RunAsync("cost", "record", "--type", "team", "--name", $"run-{repetition}-{index}", "--duration", "1m", "--actual-usd", "1", "--reservation", id),
                    1 => RunAsync("cost", "release", id),
                    _ when index % 2 == 0 => Task.Run(() => SettleAsync(id, $"run-{repetition}-{index}")),
                    _ => Task.Run(() => ReleaseAsync(id)),
                })
                .ToList();
            while (steps.Count > 0)
            {
                var done = await Task.WhenAny(steps);
                steps.Remove(done);
                var step = await done;
                Assert.True(step.ExitCode == 0, step.Error);
                await AssertInvariantAsync(limit);
            }

            var after = await AssertInvariantAsync(limit);
            Assert.Equal((limit - 5m, 0m), (after.SpentUsd, after.ReservedUsd));
        }

        _output.WriteLine($"{Repetitions} repetitions of {Processes} gates in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task<BudgetStanding?> MonthlyAsync() =>
        (await _gate.ListBudgetsAsync()).Count == 0 ? null : Assert.Single(await _gate.CheckAsync(["monthly"]));

    /// <summary>Checks, under the store's lock, that what is spent and reserved this month is within the limit.</summary>
    private async Task<BudgetStanding> AssertInvariantAsync(decimal limit)
    {
        var standing = (await MonthlyAsync())!;
        Assert.Equal(limit, standing.LimitUsd);
        Assert.True(standing.CommittedUsd <= standing.LimitUsd, $"spent {standing.SpentUsd} + reserved {standing.ReservedUsd} > {standing.LimitUsd}");
        return standing;
    }

    private async Task<CliResult> SettleAsync(string id, string name)
    {
        var now = DateTimeOffset.UtcNow;
        var outcome = await _gate.SettleAsync(id, new SessionCost
        {
            SessionType = "team",
            Name = name,
            StartedAt = now.AddMinutes(-1),
            EndedAt = now,
            Estimate = CostEstimator.Estimate(60, 1, 0, PricingTier.Standard),
            ActualUsd = 1m,
        });
        return new CliResult(outcome.State == ReservationState.Active ? 0 : 1, string.Empty, $"settle {id}: {outcome.State}");
    }

    private async Task<CliResult> ReleaseAsync(string id)
    {
        var outcome = await _gate.ReleaseAsync(id);
        return new CliResult(outcome.State == ReservationState.Active ? 0 : 1, string.Empty, $"release {id}: {outcome.State}");
    }

    private Task<CliResult> RunAsync(params string[] args)
    {
        var omk = new OmkProcess(_home);
        omk.Environment["OMK_STATE_DIR"] = _state;

        // Twenty processes start on a machine of two cores: the last in line may wait long for the lock, and at a load of
        // 40 far longer; the test proves what is admitted, so it waits as long as the store allows.
        omk.Environment["OMK_LOCK_TIMEOUT"] = "1h";
        return omk.RunAsync(args);
    }
}
