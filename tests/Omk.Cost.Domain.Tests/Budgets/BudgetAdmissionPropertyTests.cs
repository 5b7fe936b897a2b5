using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

/// <summary>
/// The admission rule over generated histories: budgets of every period, scope and zone, then any sequence of gates,
/// settles, releases and the passing of time (expiries and new periods).
/// </summary>
public sealed class BudgetAdmissionPropertyTests
{
    private const long Iterations = 400;

    private static readonly string?[] Types = [null, "team", "ralph", "TEAM"];

    private static readonly Gen<BudgetPolicy> Policy =
        Gen.Select(
                Gen.Int[0, 2_000],
                Gen.OneOfConst(BudgetPeriodKind.Total, BudgetPeriodKind.Day, BudgetPeriodKind.Week, BudgetPeriodKind.Month),
                Gen.OneOfConst<string?>(null, null, "team", "Ralph"),
                Gen.OneOfConst("UTC", "Asia/Shanghai", "America/New_York"))
            .Select(static (cents, period, type, zone) => new BudgetPolicy
            {
                Name = "placeholder",
                LimitUsd = cents / 100m,
                Period = period,
                SessionType = type,
                TimeZoneId = zone,
            });

    private static readonly Gen<BudgetPolicy[]> Policies =
        Policy.Array[1, 4].Select(static policies => policies.Select((policy, index) => policy with { Name = $"b{index}" }).ToArray());

    private static readonly Gen<Step> AnyStep = Gen.Frequency(
        (6, Gen.Select(Gen.Int[0, 600], Gen.Int[0, Types.Length - 1], Gen.Int[1, 240]).Select(static (cents, type, ttl) => (Step)new GateStep(cents / 100m, Types[type], ttl))),
        (3, Gen.Select(Gen.Int[0, 1_000], Gen.Int[0, 100]).Select(static (pick, percent) => (Step)new SettleStep(pick, percent))),
        (2, Gen.Int[0, 1_000].Select(static pick => (Step)new ReleaseStep(pick))),
        (2, Gen.Frequency((3, Gen.Int[1, 90]), (1, Gen.Int[1, 60 * 24 * 40])).Select(static minutes => (Step)new AdvanceStep(minutes))));

    private static readonly Gen<DateTimeOffset> Moment =
        Gen.DateTime[new DateTime(2020, 1, 1), new DateTime(2030, 12, 31)].Select(static moment => new DateTimeOffset(moment, TimeSpan.Zero));

    private static readonly Gen<(BudgetPolicy[] Policies, DateTimeOffset Start, Step[] Steps)> History =
        Gen.Select(Policies, Moment, AnyStep.Array[1, 40]);

    [Fact]
    public async Task AnySequence_GatesCheckingEveryCoveringBudget_SpentPlusReservedNeverExceedsALimit()
    {
        await History.SampleAsync(
            async history =>
            {
                await using var run = await Run.StartAsync(history.Policies, history.Start);
                foreach (var step in history.Steps)
                {
                    await run.ApplyAsync(step);
                    foreach (var standing in await run.Gate.CheckAsync())
                    {
                        Assert.True(
                            standing.CommittedUsd <= standing.LimitUsd,
                            $"{standing.Policy.Name}: spent {standing.SpentUsd} + reserved {standing.ReservedUsd} > {standing.LimitUsd} after {step}");
                    }
                }
            },
            iter: Iterations);
    }

    [Fact]
    public async Task AnySequence_RefusedGate_ChangesNothingAndNamesABudgetItWouldExceed()
    {
        await History.SampleAsync(
            async history =>
            {
                await using var run = await Run.StartAsync(history.Policies, history.Start);
                foreach (var step in history.Steps)
                {
                    if (step is not GateStep gate)
                    {
                        await run.ApplyAsync(step);
                        continue;
                    }

                    var before = run.State();
                    var decision = await run.GateAsync(gate);
                    if (decision.Admitted)
                    {
                        continue;
                    }

                    Assert.Equal(before, run.State());
                    Assert.NotEmpty(decision.Exceeding);
                    Assert.All(decision.Exceeding, standing => Assert.True(standing.CommittedUsd + gate.Amount > standing.LimitUsd));
                }
            },
            iter: Iterations);
    }

    [Fact]
    public async Task AnySequence_Gate_AdmitsExactlyWhenTheAmountFitsEveryCoveringBudgetOfAPlainRecount()
    {
        await History.SampleAsync(
            async history =>
            {
                await using var run = await Run.StartAsync(history.Policies, history.Start);
                foreach (var step in history.Steps)
                {
                    if (step is not GateStep gate)
                    {
                        await run.ApplyAsync(step);
                        continue;
                    }

                    var expected = run.Recount(gate);
                    var decision = await run.GateAsync(gate);
                    Assert.Equal(expected, decision.Admitted);
                }
            },
            iter: Iterations);
    }

    private abstract record Step;

    private sealed record GateStep(decimal Amount, string? Type, int TtlMinutes) : Step;

    /// <summary>Settles one active reservation (picked by index) with a session that cost a share of it, started when it was made.</summary>
    private sealed record SettleStep(int Pick, int Percent) : Step;

    private sealed record ReleaseStep(int Pick) : Step;

    private sealed record AdvanceStep(int Minutes) : Step;

    private sealed class Run : IAsyncDisposable
    {
        private readonly InMemoryBudgetStore _store = new();
        private readonly FakeTimeProvider _clock;

        private Run(DateTimeOffset start)
        {
            _clock = new FakeTimeProvider(start);
            Gate = new BudgetGate(_store, _clock);
        }

        public BudgetGate Gate { get; }

        public static async Task<Run> StartAsync(IEnumerable<BudgetPolicy> policies, DateTimeOffset start)
        {
            var run = new Run(start);
            foreach (var policy in policies)
            {
                await run.Gate.SetBudgetAsync(policy);
            }

            return run;
        }

        public Task<GateDecision> GateAsync(GateStep gate) =>
            Gate.ReserveAsync(new ReservationRequest { AmountUsd = gate.Amount, SessionType = gate.Type, TimeToLive = TimeSpan.FromMinutes(gate.TtlMinutes) });

        public async Task ApplyAsync(Step step)
        {
            var now = _clock.GetUtcNow();
            var active = _store.Reservations.Where(reservation => reservation.IsActiveAt(now)).ToList();
            switch (step)
            {
                case GateStep gate:
                    await GateAsync(gate);
                    break;
                case SettleStep settle when active.Count > 0:
                    var settled = active[settle.Pick % active.Count];
                    await Gate.SettleAsync(settled.Id, TestSessions.Create(
                        sessionType: settled.SessionType ?? "other",
                        estimatedUsd: decimal.Round(settled.AmountUsd * settle.Percent / 100m, 4, MidpointRounding.ToZero),
                        startedAt: settled.CreatedAt));
                    break;
                case ReleaseStep release when active.Count > 0:
                    await Gate.ReleaseAsync(active[release.Pick % active.Count].Id);
                    break;
                case AdvanceStep advance:
                    _clock.Advance(TimeSpan.FromMinutes(advance.Minutes));
                    break;
            }
        }

        /// <summary>What the admission rule says, counted again from the stored lists without the gate's code.</summary>
        public bool Recount(GateStep gate)
        {
            var now = _clock.GetUtcNow();
            foreach (var budget in _store.Budgets.Where(budget => gate.Type is null || budget.SessionType is null || string.Equals(budget.SessionType, gate.Type, StringComparison.OrdinalIgnoreCase)))
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(budget.TimeZoneId);
                var period = BudgetPeriod.Containing(budget.Period, now, zone);
                var spent = _store.Sessions
                    .Where(session => period.Contains(session.StartedAt)
                        && (budget.SessionType is null || string.Equals(budget.SessionType, session.SessionType, StringComparison.OrdinalIgnoreCase)))
                    .Sum(session => session.ActualUsd ?? session.Estimate.EstimatedUsd);
                var reserved = _store.Reservations
                    .Where(reservation => now < reservation.ExpiresAt && period.Contains(reservation.CreatedAt)
                        && (reservation.SessionType is null || budget.SessionType is null || string.Equals(budget.SessionType, reservation.SessionType, StringComparison.OrdinalIgnoreCase)))
                    .Sum(reservation => reservation.AmountUsd);
                if (spent + reserved + gate.Amount > budget.LimitUsd)
                {
                    return false;
                }
            }

            return true;
        }

        public string State() =>
            string.Join('|', _store.Budgets) + "#" + string.Join('|', _store.Reservations.Select(reservation => reservation.Id)) + "#" + _store.Sessions.Count;

        public ValueTask DisposeAsync()
        {
            _store.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
