using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Xunit;

namespace Omk.Testing.Stores;

/// <summary>
/// The behaviour every <see cref="IBudgetStore"/> owes the <see cref="BudgetGate"/>, run against each store by a
/// subclass: budgets kept in order, the spend of the store's own sessions, reservations admitted, refused, settled,
/// released and expired, and racing gates that never admit more than the limit.
/// </summary>
public abstract class BudgetStoreContract : IAsyncLifetime
{
    /// <summary>The fake clock's start: Friday 2026-11-20 12:00 UTC.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Initializes a new instance of the <see cref="BudgetStoreContract"/> class.</summary>
    protected BudgetStoreContract() => StoreClock = new FakeNowClock(Clock);

    /// <summary>Gets the clock a test sets and advances: the time the gate and the store tell.</summary>
    protected FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>
    /// Gets the clock to give the gate and the store: <see cref="Clock"/>'s time, with real waits, so that a lock held
    /// for a moment elsewhere is waited for as it would be in use (<see cref="FakeNowClock"/>).
    /// </summary>
    protected TimeProvider StoreClock { get; }

    /// <summary>Gets the budget store under test, fresh and empty for each test.</summary>
    protected IBudgetStore Store { get; private set; } = null!;

    /// <summary>Gets the sessions of the same store.</summary>
    protected ICostSink Sink { get; private set; } = null!;

    /// <summary>Factors that give random amounts 0 to 12 decimal places.</summary>
    private static readonly decimal[] Scales = [1m, 0.1m, 0.01m, 0.001m, 0.0001m, 0.000001m, 0.00000001m, 0.000000000001m];

    private BudgetGate Gate => new(Store, StoreClock);

    /// <summary>Creates a fresh, empty store: its budgets and its sessions, over <see cref="StoreClock"/>.</summary>
    /// <returns>The two ports of the one store.</returns>
    protected abstract Task<(IBudgetStore Budgets, ICostSink Sessions)> CreateStoreAsync();

    /// <inheritdoc/>
    public async Task InitializeAsync() => (Store, Sink) = await CreateStoreAsync();

    /// <inheritdoc/>
    public virtual Task DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        (Sink as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SetBudgetAsync_ThreeThenReplaceOne_ListsThemInTheOrderFirstSet()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 100m, BudgetPeriodKind.Month) with { WarnAtPercent = 80m, TimeZoneId = "Asia/Shanghai" });
        await Gate.SetBudgetAsync(Budget("daily", 10m, BudgetPeriodKind.Day) with { SessionType = "team" });
        await Gate.SetBudgetAsync(Budget("total", 1000m, BudgetPeriodKind.Total));

        var replaced = await Gate.SetBudgetAsync(Budget("MONTHLY", 120.5m, BudgetPeriodKind.Week));

        Assert.True(replaced);
        Assert.Equal(
            [Budget("MONTHLY", 120.5m, BudgetPeriodKind.Week), Budget("daily", 10m, BudgetPeriodKind.Day) with { SessionType = "team" }, Budget("total", 1000m, BudgetPeriodKind.Total)],
            await Gate.ListBudgetsAsync());
    }

    [Fact]
    public async Task RemoveBudgetAsync_AnyCase_RemovesIt()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 100m, BudgetPeriodKind.Month));

        await Gate.RemoveBudgetAsync("Monthly");

        Assert.Empty(await Gate.ListBudgetsAsync());
    }

    [Fact]
    public async Task CheckAsync_RecordedSessions_CountTheSpendOfThePeriodAndTypeAsTheDomainDoes()
    {
        SessionCost[] sessions =
        [
            Session("team", Now.AddHours(-1), estimated: 2m, actual: 3m),
            Session("Team", Now.AddDays(-2), estimated: 4m),
            Session("ralph", Now.AddHours(-2), estimated: 5m),
            Session("team", Now.AddMonths(-1), estimated: 7m),
        ];
        foreach (var session in sessions)
        {
            await Sink.AppendAsync(session, CancellationToken.None);
        }

        await Gate.SetBudgetAsync(Budget("team-month", 100m, BudgetPeriodKind.Month) with { SessionType = "team" });
        await Gate.SetBudgetAsync(Budget("all-week", 100m, BudgetPeriodKind.Week));
        await Gate.SetBudgetAsync(Budget("ever", 100m, BudgetPeriodKind.Total));

        var standings = await Gate.CheckAsync();

        Assert.Equal([7m, 12m, 19m], standings.Select(static standing => standing.SpentUsd));
        foreach (var standing in standings)
        {
            Assert.Equal(BudgetSpend.Total(sessions, standing.Period, standing.Policy.SessionType), standing.SpentUsd);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task PeekLedgerAsync_RandomLedger_SpendAndRecordedEqualTheSumsOfEverySessionReadInFull(int seed)
    {
        var random = new Random(seed);
        string[] types = ["team", "Team", "ralph", "autopilot", "kimi", "TEAM"];
        string[] zones = ["Etc/UTC", "Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham"];
        var ids = new List<string>();
        for (var batch = 0; batch < 4; batch++)
        {
            for (var index = 0; index < 25; index++)
            {
                var id = random.Next(3) == 0 ? null : $"s{seed}-{batch}-{index}";
                var started = Now.AddTicks(random.NextInt64(-TimeSpan.TicksPerDay * 400, TimeSpan.TicksPerDay));
                var estimated = random.Next(4) == 0 ? 0m : random.NextInt64(0, 1_000_000_000_000) * Scales[random.Next(Scales.Length)];
                decimal? actual = random.Next(3) == 0 ? random.NextInt64(0, 10_000_000_000) * Scales[random.Next(Scales.Length)] : null;
                await Sink.AppendAsync(Session(types[random.Next(types.Length)], started, estimated, actual) with { Id = id }, CancellationToken.None);
                if (id is not null)
                {
                    ids.Add(id);
                }
            }

            var stored = new List<SessionCost>();
            await foreach (var session in Sink.ReadAllAsync(CancellationToken.None))
            {
                stored.Add(session);
            }

            var moment = Now.AddTicks(random.NextInt64(-TimeSpan.TicksPerDay * 400, TimeSpan.TicksPerDay));
            var asked = new List<(BudgetPeriod Period, string? Type)>();
            foreach (var kind in Enum.GetValues<BudgetPeriodKind>())
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(zones[random.Next(zones.Length)]);
                asked.Add((BudgetPeriod.Containing(kind, moment, zone), null));
                asked.Add((BudgetPeriod.Containing(kind, Now, zone), types[random.Next(types.Length)]));
            }

            string[] wanted = [.. ids.Where(_ => random.Next(2) == 0), "absent"];
            var (spent, together, recorded) = await Gate.PeekLedgerAsync(
                async (_, ledger, token) =>
                {
                    var sums = new List<decimal>();
                    foreach (var (period, type) in asked)
                    {
                        sums.Add(await ledger.SpentAsync(period, type, token));
                    }

                    return (sums, await ledger.SpentAsync([.. asked.Select(static question => (question.Period, (string?)question.Type))], token), await ledger.RecordedAsync(wanted, token));
                });

            Assert.Equal(asked.Select(question => BudgetSpend.Total(stored, question.Period, question.Type)), spent);
            Assert.Equal(spent, together);
            Assert.Equal(BudgetSpend.Recorded(stored, wanted).OrderBy(static pair => pair.Key, StringComparer.Ordinal), recorded.OrderBy(static pair => pair.Key, StringComparer.Ordinal));
            Assert.DoesNotContain("absent", recorded.Keys);
        }
    }

    [Fact]
    public async Task ReserveAsync_WithinAndBeyondTheLimit_AdmitsThenRefusesAndTheRefusalWritesNothing()
    {
        await Sink.AppendAsync(Session("team", Now.AddHours(-1), estimated: 6m), CancellationToken.None);
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));

        var admitted = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m, SessionType = "team", Name = "run" });
        var refused = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 1.01m });

        Assert.True(admitted.Admitted);
        Assert.False(refused.Admitted);
        var standing = Assert.Single(await Gate.CheckAsync());
        Assert.Equal(6m, standing.SpentUsd);
        Assert.Equal(3m, standing.ReservedUsd);
    }

    [Fact]
    public async Task SettleAsync_ActiveReservation_RecordsTheSessionAndFreesTheReservation()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));
        var decision = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        var outcome = await Gate.SettleAsync(decision.Reservation!.Id, Session("team", Now, estimated: 2.5m));

        Assert.Equal(ReservationState.Active, outcome.State);
        var standing = Assert.Single(await Gate.CheckAsync());
        Assert.Equal(2.5m, standing.SpentUsd);
        Assert.Equal(0m, standing.ReservedUsd);
        await foreach (var session in Sink.ReadAllAsync(CancellationToken.None))
        {
            Assert.Equal(2.5m, session.Estimate.EstimatedUsd);
        }
    }

    [Fact]
    public async Task SettleAsync_TriedAgain_RecordsTheSessionOnce()
    {
        // A settle whose answer was lost, or whose process was killed, is tried again with the same reservation: the
        // session without an id of its own takes one from the reservation (SessionIds.ForSettle), recorded once.
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));
        var decision = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        var first = await Gate.SettleAsync(decision.Reservation!.Id, Session("team", Now, estimated: 2.5m));
        var again = await Gate.SettleAsync(decision.Reservation!.Id, Session("team", Now, estimated: 2.5m));

        Assert.Equal((ReservationState.Active, ReservationState.NotFound), (first.State, again.State));
        Assert.Equal((2.5m, 0m), (Assert.Single(await Gate.CheckAsync()).SpentUsd, Assert.Single(await Gate.CheckAsync()).ReservedUsd));
        var ids = new List<string?>();
        await foreach (var session in Sink.ReadAllAsync(CancellationToken.None))
        {
            ids.Add(session.Id);
        }

        Assert.Equal([SessionIds.ForSettle(decision.Reservation.Id)], ids);
    }

    [Fact]
    public async Task ReleaseAsync_ActiveThenAgain_FreesItOnceThenFindsNothing()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));
        var decision = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        var first = await Gate.ReleaseAsync(decision.Reservation!.Id);
        var second = await Gate.ReleaseAsync(decision.Reservation!.Id);

        Assert.Equal(ReservationState.Active, first.State);
        Assert.Equal(ReservationState.NotFound, second.State);
        Assert.Equal(0m, Assert.Single(await Gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task ReserveAsync_AfterAnExpiry_StopsCountingTheExpiredReservation()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));
        var first = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, TimeToLive = TimeSpan.FromMinutes(15) });
        Clock.Advance(TimeSpan.FromMinutes(16));

        var second = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });
        var late = await Gate.SettleAsync(first.Reservation!.Id, Session("team", Now, estimated: 3m));

        Assert.True(second.Admitted);
        Assert.Equal(ReservationState.Expired, late.State);
        Assert.Equal("monthly", Assert.Single(late.Overshoot).Policy.Name);
        Assert.Equal(8m, Assert.Single(await Gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task ExtendAsync_ActiveReservation_KeepsItsMakerAndCountsPastItsFirstExpiry()
    {
        await Gate.SetBudgetAsync(Budget("monthly", 10m, BudgetPeriodKind.Month));
        var first = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m, SessionType = "team", Name = "long", TimeToLive = TimeSpan.FromMinutes(15) });
        var made = Assert.Single((await Gate.ListReservationsAsync()).Reservations);
        Clock.Advance(TimeSpan.FromMinutes(10));

        var extension = await Gate.ExtendAsync(first.Reservation!.Id, TimeSpan.FromHours(2));
        Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 8m });

        Assert.True(extension.Extended);
        Assert.False(second.Admitted);
        var listed = Assert.Single((await Gate.ListReservationsAsync()).Reservations);
        Assert.Equal(made with { ExpiresAt = Now.AddMinutes(130), Budgets = listed.Budgets }, listed);
        Assert.False(string.IsNullOrEmpty(listed.User));
        Assert.False(string.IsNullOrEmpty(listed.Host));
    }

    [Fact]
    public async Task ReleaseNamedAsync_AndReleaseExpiredAsync_RemoveWhatTheyName()
    {
        await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Name = "nightly" });
        await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, Name = "short", TimeToLive = TimeSpan.FromMinutes(1) });
        var kept = await Gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m, Name = "kept" });
        Clock.Advance(TimeSpan.FromMinutes(2));

        var named = await Gate.ReleaseNamedAsync("nightly");
        var expired = await Gate.ReleaseExpiredAsync();

        Assert.Equal(1m, Assert.Single(named).AmountUsd);
        Assert.Equal(2m, Assert.Single(expired).AmountUsd);
        Assert.Equal(kept.Reservation!.Id, Assert.Single((await Gate.ListReservationsAsync()).Reservations).Id);
    }

    [Fact]
    public async Task ReserveAsync_FortyGatesOfOneDollarAtOnce_AdmitsExactlyTwenty()
    {
        await Gate.SetBudgetAsync(Budget("team", 20m, BudgetPeriodKind.Month));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m }))));

        Assert.Equal(20, decisions.Count(static decision => decision.Admitted));
        Assert.Equal(20m, Assert.Single(await Gate.CheckAsync()).ReservedUsd);
    }

    [Fact]
    public async Task ChangeAsync_DecisionThrows_WritesNothing()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.ChangeAsync<bool>(
            (_, _) => throw new InvalidOperationException("no"),
            CancellationToken.None));

        Assert.Empty(await Gate.ListBudgetsAsync());
    }

    private static BudgetPolicy Budget(string name, decimal limit, BudgetPeriodKind period) =>
        new() { Name = name, LimitUsd = limit, Period = period };

    private static SessionCost Session(string type, DateTimeOffset started, decimal estimated, decimal? actual = null) => new()
    {
        SessionType = type,
        Name = "run",
        StartedAt = started,
        Estimate = new CostEstimate(100, 100, 60, 1, estimated, PricingTier.Standard),
        ActualUsd = actual,
    };
}
