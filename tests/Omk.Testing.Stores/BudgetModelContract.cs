using System.Globalization;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Xunit;

namespace Omk.Testing.Stores;

/// <summary>
/// A model-based test of the budgets, run against each store by a subclass: random sequences of gates (with and
/// without a type, with and without a named budget), settles (of the reservation's type, of another type, without a
/// type), releases, extensions, clock jumps forward and back (expiry, new periods), limits set up and down, Kimi
/// sessions spending and being imported, composed as a host composes them (<c>AddOmkCost</c> with
/// <c>CountLiveSpend</c>). After every step: every budget's spent + reserved is within its limit unless an event
/// outside the gate's control put it over since it was last within (a lowered limit, Kimi's spend, a late settle, the
/// clock going back), and while it is over no gate it applies to is admitted; an admitted gate leaves every budget it
/// applies to within its limit; every reservation the model holds is listed, or was expired long enough to be swept;
/// nothing is listed that the model does not hold; the all-time budget's spend is exactly the ledger's plus each Kimi
/// session's spend once, imported or not.
/// </summary>
public abstract class BudgetModelContract
{
    private int _kills;

    /// <summary>How long a step in a process took from ready to done, last time one was let finish: where kills are aimed.</summary>
    private TimeSpan _stepTime = TimeSpan.FromMilliseconds(200);

    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static readonly string?[] Types = [null, "team", "ralph"];

    private static readonly BudgetPolicy[] Budgets =
    [
        new() { Name = "all", LimitUsd = 20m, Period = BudgetPeriodKind.Total, TimeZoneId = "UTC" },
        new() { Name = "team-day", LimitUsd = 6m, Period = BudgetPeriodKind.Day, SessionType = "team", TimeZoneId = "UTC" },
        new() { Name = "month", LimitUsd = 12m, Period = BudgetPeriodKind.Month, TimeZoneId = "Asia/Shanghai" },
    ];

    private static readonly Gen<Step> AnyGate =
        Gen.Select(Gen.Int[0, 400], Gen.Int[0, Types.Length - 1], Gen.Int[-1, Budgets.Length - 1], Gen.Int[1, 48 * 60]).Select(static (cents, type, budget, ttl) => (Step)new GateStep(cents / 100m, Types[type], budget, ttl));

    private static readonly Gen<SettleType> AnySettleType = Gen.OneOfConst(SettleType.Same, SettleType.Other, SettleType.None);

    private static readonly Gen<Step> AnyStep = Gen.Frequency(
        (8, AnyGate),
        (4, Gen.Select(Gen.Int[0, 1_000], AnySettleType, Gen.Int[0, 100]).Select(static (pick, type, percent) => (Step)new SettleStep(pick, type, percent))),
        (2, Gen.Int[0, 1_000].Select(static pick => (Step)new ReleaseStep(pick))),
        (2, Gen.Select(Gen.Int[0, 1_000], Gen.Int[1, 48 * 60]).Select(static (pick, ttl) => (Step)new ExtendStep(pick, ttl))),
        (3, Gen.Frequency((4, Gen.Int[1, 6 * 60]), (2, Gen.Int[6 * 60, 4 * 24 * 60]), (1, Gen.Int[-6 * 60, -1])).Select(static minutes => (Step)new ClockStep(minutes))),
        (1, Gen.Select(Gen.Int[0, Budgets.Length - 1], Gen.Int[0, 3_000]).Select(static (budget, cents) => (Step)new LimitStep(budget, cents / 100m))),
        (3, Gen.Select(Gen.Int[0, 3], Gen.Int[1, 150]).Select(static (session, cents) => (Step)new KimiStep(session, cents / 100m))),
        (1, Gen.Const((Step)new ImportStep())));

    /// <summary>
    /// A gate or a settle (of the reservation's type) run as a process of its own and killed: at one of its first 16
    /// file opens (the state folder; past its last it ends), or at a random share of how long such a step last took
    /// after it was ready (the team store; some are killed before they start, some inside the transaction, some finish).
    /// </summary>
    private static readonly Gen<Step> AnyKill = Gen.Select(
        Gen.Frequency((1, AnyGate), (1, Gen.Select(Gen.Int[0, 1_000], Gen.Int[0, 100]).Select(static (pick, percent) => (Step)new SettleStep(pick, SettleType.Same, percent)))),
        Gen.Int[1, 16],
        Gen.Int[0, 1_500]).Select(static (step, open, permille) => (Step)new KillStep(step, open, permille));

    private static readonly Gen<Step> AnyStepOrKill = Gen.Frequency((5, AnyStep), (1, AnyKill));

    /// <summary>Gets how many sequences to run.</summary>
    protected abstract int Sequences { get; }

    /// <summary>Gets how many steps each sequence has.</summary>
    protected virtual int Steps => 40;

    /// <summary>Gets how many sequences with processes killed between and inside steps to run.</summary>
    protected abstract int KilledSequences { get; }

    /// <summary>Gets how many steps each sequence with processes killed has.</summary>
    protected virtual int KilledSteps => 20;

    /// <summary>Gets a value indicating whether a killed step kills itself at a file open (the state folder) rather than at a time.</summary>
    protected virtual bool KillsAtFileOpens => false;

    /// <summary>Gets the address a process gives to reach the store of the sequence running: its state folder, or the team store's.</summary>
    protected abstract string StoreAddress { get; }

    /// <summary>Gets a value indicating whether steps that read or decide import the Kimi sessions first (the team store).</summary>
    protected abstract bool ImportsIntoStore { get; }

    /// <summary>Runs every sequence once, one after another, each on a fresh store.</summary>
    /// <returns>A task that completes when every sequence has passed.</returns>
    [Fact]
    public Task AnySequence_EveryStep_KeepsTheBudgetsAndTheReservationsAsTheModelSays() =>
        AnyStep.Array[Steps].SampleAsync(RunAsync, iter: Sequences, threads: 1);

    /// <summary>
    /// Runs sequences in which some gates and settles are processes of their own killed with SIGKILL at a random point
    /// (before they start, inside the step, after it): after every step the same invariants hold; a killed gate's
    /// reservation is either stored (listed, within every budget it counts in, then held by the model) or not at all; a
    /// killed settle either recorded its session or left its reservation held, never neither.
    /// </summary>
    /// <returns>A task that completes when every sequence has passed.</returns>
    [Fact]
    public Task AnySequenceWithProcessesKilled_EveryStep_KeepsTheBudgetsAndTheReservationsAsTheModelSays() =>
        AnyStepOrKill.Array[KilledSteps].SampleAsync(RunAsync, iter: KilledSequences, threads: 1);

    /// <summary>Creates a fresh, empty store (its budgets and its sessions) that tells time by <paramref name="clock"/>.</summary>
    /// <param name="clock">The clock of the sequence.</param>
    /// <returns>The two ports of the one store; disposed after the sequence when disposable.</returns>
    protected abstract Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync(TimeProvider clock);

    private async Task RunAsync(Step[] steps)
    {
        var fake = new MovableClock { Now = Start };
        var clock = new FakeNowClock(fake);
        var (store, sink) = await CreateStoreAsync(clock);
        var kimi = new ModelKimiSpend();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOmkCost(cost =>
        {
            cost.Services.AddSingleton(store);
            cost.Services.AddSingleton(sink);
            cost.CountLiveSpend(kimi, ImportsIntoStore);
        });
        using var provider = services.BuildServiceProvider();
        var gate = provider.GetRequiredService<BudgetGate>();
        try
        {
            var model = new Model(fake);
            foreach (var budget in Budgets)
            {
                await gate.SetBudgetAsync(budget);
            }

            var done = new List<Step>();
            foreach (var step in steps)
            {
                done.Add(step);
                if (step is KillStep kill)
                {
                    await KillAsync(gate, kimi, model, kill, done);
                }
                else
                {
                    await ApplyAsync(gate, sink, kimi, model, step, done);
                }

                await CheckAsync(gate, kimi, model, done);
            }
        }
        finally
        {
            (store as IDisposable)?.Dispose();
            (sink as IDisposable)?.Dispose();
        }
    }

    private static async Task ApplyAsync(BudgetGate gate, ICostSink sink, ModelKimiSpend kimi, Model model, Step step, List<Step> done)
    {
        var now = model.Clock.GetUtcNow();
        switch (step)
        {
            case GateStep g:
                string[] names = g.Budget < 0 ? [] : [Budgets[g.Budget].Name];
                var before = await gate.CheckAsync();
                var decision = await gate.ReserveAsync(new ReservationRequest { AmountUsd = g.AmountUsd, SessionType = g.Type, Budgets = names, TimeToLive = TimeSpan.FromMinutes(g.TtlMinutes) });
                if (decision.Reservation is { } admitted)
                {
                    foreach (var standing in decision.Budgets)
                    {
                        Assert.True(standing.CommittedUsd <= standing.LimitUsd, $"admitted past {standing.Policy.Name}: {standing.CommittedUsd} > {standing.LimitUsd} after {Show(done)}");
                        Assert.False(before.Single(b => b.Policy.Name == standing.Policy.Name).Exceeded, $"admitted while {standing.Policy.Name} was over after {Show(done)}");
                    }

                    model.Reservations[admitted.Id] = admitted;
                }

                break;
            case SettleStep s when model.Pick(s.Pick) is { } settling:
                var type = s.Type switch
                {
                    SettleType.Other => settling.SessionType == "team" ? "ralph" : "team",
                    _ => settling.SessionType ?? "custom",
                };
                var amount = decimal.Round(settling.AmountUsd * s.Percent / 100m, 4);
                var session = new SessionCost
                {
                    SessionType = type,
                    Name = "settled",
                    StartedAt = settling.CreatedAt,
                    EndedAt = settling.CreatedAt.AddMinutes(1),
                    Estimate = new CostEstimate(1, 1, 60, 1, amount, PricingTier.Standard),
                    ActualUsd = amount,
                };
                var mismatched = s.Type == SettleType.Other && settling.SessionType is not null;
                ReservationOutcome outcome;
                try
                {
                    outcome = await gate.SettleAsync(settling.Id, session);
                }
                catch (ReservationTypeMismatchException) when (mismatched)
                {
                    break;
                }

                // A settle of another type is refused while the reservation is stored; once swept it records alone.
                Assert.True(!mismatched || (outcome.State == ReservationState.NotFound && model.Sweepable.Contains(settling.Id)), $"a settle of another type was taken after {Show(done)}");
                model.Reservations.Remove(settling.Id);
                model.Ledger.Add(amount);
                if (outcome.State != ReservationState.Active)
                {
                    // Its money may have gone to another run: a late settle is recorded all the same (and says so).
                    model.ExcuseAll();
                }

                break;
            case ReleaseStep r when model.Pick(r.Pick) is { } releasing:
                await gate.ReleaseAsync(releasing.Id);
                model.Reservations.Remove(releasing.Id);
                break;
            case ExtendStep e when model.Pick(e.Pick) is { } extending:
                var extension = await gate.ExtendAsync(extending.Id, TimeSpan.FromMinutes(e.TtlMinutes));
                if (extension.Extended)
                {
                    Assert.True(extension.Reservation!.ExpiresAt >= now.AddMinutes(e.TtlMinutes), $"extended too little after {Show(done)}");
                    model.Reservations[extending.Id] = extension.Reservation!;
                }

                break;
            case ClockStep c:
                model.Clock.Now += TimeSpan.FromMinutes(c.Minutes);
                if (c.Minutes < 0)
                {
                    // A clock that goes back brings expired reservations back to life: their money counts again.
                    model.ExcuseAll();
                }

                break;
            case LimitStep l:
                var policy = (await gate.ListBudgetsAsync()).Single(b => b.Name == Budgets[l.Budget].Name);
                await gate.SetBudgetAsync(policy with { LimitUsd = l.LimitUsd });
                if (l.LimitUsd < policy.LimitUsd)
                {
                    model.Excused.Add(policy.Name);
                }

                break;
            case KimiStep k:
                kimi.Spend($"kimi:s{k.Session}", now, k.AmountUsd);
                model.ExcuseAll();
                break;
            case ImportStep:
                var records = (await kimi.ReadAsync(DateTimeOffset.MinValue, CancellationToken.None)).Select(static session => session.Record!).ToList();
                if (records.Count > 0)
                {
                    await sink.UpsertAsync(records, UpsertMode.Apply, CancellationToken.None);
                }

                break;
        }

        model.MarkSweepable();
    }

    /// <summary>Runs a gate or a settle as a process of its own, kills it, and makes the model hold what the store holds.</summary>
    private async Task KillAsync(BudgetGate gate, ModelKimiSpend kimi, Model model, KillStep kill, List<Step> done)
    {
        var now = model.Clock.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"killed-{Interlocked.Increment(ref _kills)}");
        var kimiFile = Path.GetTempFileName();
        try
        {
            kimi.Save(kimiFile);
            string[] common = [StoreAddress, now.UtcTicks.ToString(CultureInfo.InvariantCulture), kimiFile, KillsAtFileOpens ? Number(kill.FileOpen) : "0"];
            switch (kill.Step)
            {
                case GateStep g:
                    var before = await gate.CheckAsync();
                    var gating = await RunKilledAsync(kill, [.. common, "gate", Usd(g.AmountUsd), g.Type ?? "-", g.Budget < 0 ? "-" : Budgets[g.Budget].Name, Number(g.TtlMinutes), name]);
                    var stored = (await gate.ListReservationsAsync()).Reservations.Where(reservation => reservation.Name == name).ToList();
                    Assert.True(stored.Count <= 1, $"a killed gate stored {stored.Count} reservations after {Show(done)}");
                    Assert.True(gating is null or "refused" || stored.SingleOrDefault()?.Id == gating, $"the gate acknowledged {gating} but it is not listed after {Show(done)}");
                    foreach (var reservation in stored)
                    {
                        foreach (var standing in before.Where(standing => BudgetRules.Counts(standing.Policy, reservation)))
                        {
                            Assert.False(standing.Exceeded, $"a killed gate was admitted while {standing.Policy.Name} was over after {Show(done)}");
                        }

                        model.Reservations[reservation.Id] = reservation;
                    }

                    break;
                case SettleStep s when model.Pick(s.Pick) is { } settling:
                    var amount = decimal.Round(settling.AmountUsd * s.Percent / 100m, 4);
                    var wasHeld = (await gate.ListReservationsAsync()).Reservations.Any(reservation => reservation.Id == settling.Id);
                    await RunKilledAsync(kill, [.. common, "settle", settling.Id, Usd(amount), settling.SessionType ?? "custom", name, settling.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)]);
                    var held = (await gate.ListReservationsAsync()).Reservations.Any(reservation => reservation.Id == settling.Id);
                    var recorded = (await gate.PeekLedgerAsync((_, ledger, token) => ledger.RecordedAsync([name], token))).ContainsKey(name);
                    Assert.True(recorded || held || !wasHeld, $"a killed settle gave its reservation back without recording its session after {Show(done)}");
                    if (recorded)
                    {
                        model.Ledger.Add(amount);
                        if (held || !wasHeld || !settling.IsActiveAt(now))
                        {
                            // Recorded beside the money still held, or a late settle: counted, and said so, outside the gate.
                            model.ExcuseAll();
                        }
                    }

                    if (!held)
                    {
                        model.Reservations.Remove(settling.Id);
                    }

                    break;
            }
        }
        finally
        {
            File.Delete(kimiFile);
        }

        model.MarkSweepable();
    }

    /// <summary>Starts a budget step as a process and kills it at the step's point; returns what it acknowledged, if it did.</summary>
    private async Task<string?> RunKilledAsync(KillStep kill, string[] args)
    {
        using var process = BudgetStepProcess.Start(args);
        await process.EndAsync(KillsAtFileOpens ? null : _stepTime * kill.Permille / 1000);
        // Aimed at where steps end: a step that finished says how long they take; one killed first, that they take longer.
        _stepTime = process.StepTime ?? (kill.Permille >= 1_000 ? _stepTime * 1.5 : _stepTime);
        return process.Ack;
    }

    private static string Usd(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task CheckAsync(BudgetGate gate, ModelKimiSpend kimi, Model model, List<Step> done)
    {
        foreach (var standing in await gate.CheckAsync())
        {
            if (standing.CommittedUsd <= standing.LimitUsd)
            {
                model.Excused.Remove(standing.Policy.Name);
            }

            Assert.True(
                standing.CommittedUsd <= standing.LimitUsd || model.Excused.Contains(standing.Policy.Name),
                $"{standing.Policy.Name}: spent {standing.SpentUsd} + reserved {standing.ReservedUsd} > {standing.LimitUsd} with nothing outside the gate to explain it, after {Show(done)}");
            if (standing.Policy.Name == "all")
            {
                // Each Kimi call once: the ledger's own sessions, and every Kimi session's whole spend, imported or not.
                Assert.Equal(model.Ledger.Sum() + kimi.Total, standing.SpentUsd);
            }
        }

        var listing = await gate.ListReservationsAsync();
        var listed = listing.Reservations.Select(static reservation => reservation.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, reservation) in model.Reservations)
        {
            Assert.True(listed.Contains(id) || model.Sweepable.Contains(id), $"reservation {id} neither listed nor swept after {Show(done)}");
        }

        Assert.All(listed, id => Assert.True(model.Reservations.ContainsKey(id), $"reservation {id} listed but given back after {Show(done)}"));
    }

    private static string Show(List<Step> steps) => string.Join(", ", steps);

    private enum SettleType
    {
        Same,
        Other,
        None,
    }

    private abstract record Step;

    private sealed record GateStep(decimal AmountUsd, string? Type, int Budget, int TtlMinutes) : Step;

    private sealed record SettleStep(int Pick, SettleType Type, int Percent) : Step;

    private sealed record ReleaseStep(int Pick) : Step;

    private sealed record ExtendStep(int Pick, int TtlMinutes) : Step;

    private sealed record ClockStep(int Minutes) : Step;

    private sealed record LimitStep(int Budget, decimal LimitUsd) : Step;

    private sealed record KimiStep(int Session, decimal AmountUsd) : Step;

    private sealed record ImportStep : Step;

    /// <summary>A gate or settle run as a process and killed at a file open, or at a share (in ‰) of a step's time after it is ready.</summary>
    private sealed record KillStep(Step Step, int FileOpen, int Permille) : Step;

    /// <summary>What the test expects: the reservations it holds, the sessions it recorded, and the budgets an outside event may have put over.</summary>
    private sealed class Model(MovableClock clock)
    {
        public MovableClock Clock { get; } = clock;

        public Dictionary<string, Reservation> Reservations { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Sweepable { get; } = new(StringComparer.Ordinal);

        public List<decimal> Ledger { get; } = [];

        public HashSet<string> Excused { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Reservation? Pick(int pick) =>
            Reservations.Count == 0 ? null : Reservations.Values.OrderBy(static r => r.Id, StringComparer.Ordinal).ElementAt(pick % Reservations.Count);

        public void ExcuseAll() => Excused.UnionWith(Budgets.Select(static budget => budget.Name));

        /// <summary>A reservation expired for a week may be swept by any later write, even if the clock goes back after.</summary>
        public void MarkSweepable()
        {
            foreach (var (id, reservation) in Reservations)
            {
                if (reservation.IsSweptAt(Clock.GetUtcNow()))
                {
                    Sweepable.Add(id);
                }
            }
        }
    }
}
