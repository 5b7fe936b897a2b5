using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class BudgetGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryBudgetStore _store = new();
    private readonly BudgetGate _gate;

    public BudgetGateTests()
    {
        _gate = new BudgetGate(_store, _clock);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ReserveAsync_AmountFits_WritesAReservationThatCountsInLaterChecks()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m, SessionType = "team", Name = "refactor" });
        var standing = Assert.Single(await _gate.CheckAsync());

        Assert.True(decision.Admitted);
        Assert.Equal(4m, Assert.Single(decision.Budgets).ReservedUsd);
        Assert.Equal(4m, standing.ReservedUsd);
        Assert.Equal(6m, standing.RemainingUsd);
        var reservation = Assert.Single(_store.Reservations);
        Assert.Equal(decision.Reservation, reservation);
        Assert.Equal(("team", "refactor", Start), (reservation.SessionType, reservation.Name, reservation.CreatedAt));
    }

    [Fact]
    public async Task ReserveAsync_AmountFillsTheLimitExactly_IsAdmitted()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await RecordAsync(6m, Start.AddDays(-1));

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        Assert.True(decision.Admitted);
        Assert.Equal(0m, Assert.Single(decision.Budgets).RemainingUsd);
    }

    [Fact]
    public async Task ReserveAsync_AmountExceedsByACent_IsRefusedAndWritesNothing()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await RecordAsync(6m, Start.AddDays(-1));
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m });
        var before = _store.Reservations.ToList();

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1.01m });

        Assert.False(decision.Admitted);
        var exceeding = Assert.Single(decision.Exceeding);
        Assert.Equal((6m, 3m), (exceeding.SpentUsd, exceeding.ReservedUsd));
        Assert.Equal(before, _store.Reservations);
    }

    [Fact]
    public async Task ReserveAsync_SpendOfAnEarlierMonth_DoesNotCount()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await RecordAsync(9m, new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero));

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m });

        Assert.True(decision.Admitted);
    }

    [Fact]
    public async Task ReserveAsync_TotalBudget_CountsAllTime()
    {
        await SetAsync("all", 10m, BudgetPeriodKind.Total);
        await RecordAsync(9m, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m });

        Assert.False(decision.Admitted);
    }

    [Fact]
    public async Task ReserveAsync_ActualCostKnown_CountsItInsteadOfTheEstimate()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await RecordAsync(1m, Start.AddHours(-1), actualUsd: 8m);

        var standing = Assert.Single((await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 3m })).Budgets);

        Assert.Equal(8m, standing.SpentUsd);
    }

    [Fact]
    public async Task ReserveAsync_ScopedBudget_OnlyChecksRunsOfItsTypeInAnyCase()
    {
        await SetAsync("teams", 1m, BudgetPeriodKind.Month, sessionType: "team");

        var team = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, SessionType = "TEAM" });
        var ralph = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, SessionType = "ralph" });

        Assert.False(team.Admitted);
        Assert.True(ralph.Admitted);
        Assert.Empty(ralph.Budgets);
    }

    [Fact]
    public async Task ReserveAsync_ScopedBudget_IgnoresSessionsOfOtherTypes()
    {
        await SetAsync("teams", 5m, BudgetPeriodKind.Month, sessionType: "team");
        await RecordAsync(4m, Start.AddHours(-1), sessionType: "Team");
        await RecordAsync(100m, Start.AddHours(-1), sessionType: "ralph");

        var standing = Assert.Single((await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, SessionType = "team" })).Budgets);

        Assert.Equal(4m, standing.SpentUsd);
    }

    [Fact]
    public async Task ReserveAsync_NamedBudget_IsCheckedBesidesTheCoveringOnesNeverInsteadOfThem()
    {
        await SetAsync("small", 1m, BudgetPeriodKind.Month);
        await SetAsync("large", 100m, BudgetPeriodKind.Month);
        await SetAsync("ralphs", 2m, BudgetPeriodKind.Month, sessionType: "ralph");

        var refused = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 5m, SessionType = "team", Budgets = ["LARGE"] });
        var admitted = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 0.5m, SessionType = "team", Budgets = ["ralphs"] });

        Assert.False(refused.Admitted);
        Assert.Equal(["small", "large"], refused.Budgets.Select(standing => standing.Policy.Name));
        Assert.Equal(["small", "large", "ralphs"], admitted.Budgets.Select(standing => standing.Policy.Name));
        Assert.Equal(["ralphs"], admitted.Reservation!.Budgets);
    }

    [Fact]
    public async Task ReserveAsync_UnknownBudgetName_ThrowsAndWritesNothing()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);

        var exception = await Assert.ThrowsAsync<BudgetNotFoundException>(() => _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, Budgets = ["weekly"] }));

        Assert.Contains("\"weekly\"", exception.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task ReserveAsync_ExpiredReservation_StopsCountingStaysListedAWeekThenIsSwept()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        var first = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m, TimeToLive = TimeSpan.FromMinutes(15) });
        _clock.Advance(TimeSpan.FromMinutes(15));

        var second = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m, TimeToLive = TimeSpan.FromMinutes(15) });
        var listed = await _gate.ListReservationsAsync();
        _clock.Advance(Reservation.KeptAfterExpiry + TimeSpan.FromMinutes(15));
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        Assert.True(second.Admitted);
        Assert.Equal([first.Reservation!.Id, second.Reservation!.Id], listed.Reservations.Select(reservation => reservation.Id));
        Assert.False(listed.Reservations[0].IsActiveAt(listed.AsOf));
        Assert.DoesNotContain(_store.Reservations, reservation => reservation.Id == first.Reservation!.Id || reservation.Id == second.Reservation!.Id);
    }

    [Fact]
    public async Task ReserveAsync_TimeToLive_SetsTheExpiry()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.FromHours(2) });

        Assert.Equal(Start.AddHours(2), decision.Reservation!.ExpiresAt);
    }

    [Theory]
    [InlineData(-0.01, 60)]
    [InlineData(1, 0)]
    public async Task ReserveAsync_NegativeAmountOrNoTimeToLive_Throws(decimal amount, int ttlSeconds)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _gate.ReserveAsync(new ReservationRequest { AmountUsd = amount, TimeToLive = TimeSpan.FromSeconds(ttlSeconds) }));
    }

    [Theory]
    [InlineData(-0.01, 60)]
    [InlineData(1, 0)]
    public void AdmitUnchecked_NegativeAmountOrNoTimeToLive_Throws(decimal amount, int ttlSeconds)
    {
        Assert.Throws<ArgumentException>(() =>
            _gate.AdmitUnchecked(new ReservationRequest { AmountUsd = amount, TimeToLive = TimeSpan.FromSeconds(ttlSeconds) }));
    }

    [Fact]
    public void AdmitUnchecked_Request_AdmitsAnUnstoredReservationThatChecksNoBudget()
    {
        var decision = _gate.AdmitUnchecked(new ReservationRequest { AmountUsd = 2.5m, SessionType = "team", Name = "offline", TimeToLive = TimeSpan.FromMinutes(30) });

        Assert.True(decision.Admitted);
        Assert.Empty(decision.Budgets);
        Assert.Matches("^unstored-[0-9a-f]{16}$", decision.Reservation!.Id);
        Assert.True(BudgetGate.IsUnstored(decision.Reservation.Id));
        Assert.Equal((2.5m, "team", "offline"), (decision.Reservation.AmountUsd, decision.Reservation.SessionType, decision.Reservation.Name));
        Assert.Equal(decision.Reservation.CreatedAt.AddMinutes(30), decision.Reservation.ExpiresAt);
    }

    [Fact]
    public void IsUnstored_StoredIdOrNull_IsFalseOrThrows()
    {
        Assert.False(BudgetGate.IsUnstored("r0123456789abcdef"));
        Assert.Equal("reservationId", Assert.Throws<ArgumentNullException>(() => BudgetGate.IsUnstored(null!)).ParamName);
    }

    [Fact]
    public async Task ReserveAsync_ReservationOfTheLastMonth_DoesNotCountInThisOne()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 50, 0, TimeSpan.Zero));
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m, TimeToLive = TimeSpan.FromHours(2) });
        _clock.Advance(TimeSpan.FromMinutes(20));

        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m });

        Assert.True(decision.Admitted);
    }

    [Fact]
    public async Task SettleAsync_ActiveReservation_RecordsTheSessionAndRemovesTheReservation()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 5m });
        var session = TestSessions.Create(estimatedUsd: 3m, startedAt: Start);

        var outcome = await _gate.SettleAsync(decision.Reservation!.Id, session);
        var standing = Assert.Single(await _gate.CheckAsync());

        Assert.Equal(ReservationState.Active, outcome.State);
        Assert.Equal([session with { Id = SessionIds.ForSettle(decision.Reservation.Id) }], _store.Sessions);
        Assert.Empty(_store.Reservations);
        Assert.Equal((3m, 0m), (standing.SpentUsd, standing.ReservedUsd));
    }

    [Fact]
    public async Task SettleAsync_ExpiredReservation_StillRecordsAndSaysItExpired()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 5m, TimeToLive = TimeSpan.FromMinutes(1) });
        _clock.Advance(TimeSpan.FromMinutes(2));

        var outcome = await _gate.SettleAsync(decision.Reservation!.Id, TestSessions.Create());

        Assert.Equal(ReservationState.Expired, outcome.State);
        Assert.Single(_store.Sessions);
        Assert.Empty(_store.Reservations);
    }

    [Fact]
    public async Task SettleAsync_UnknownReservation_StillRecordsAndSaysItWasNotFound()
    {
        var outcome = await _gate.SettleAsync("r0000", TestSessions.Create());

        Assert.Equal(ReservationState.NotFound, outcome.State);
        Assert.Null(outcome.Reservation);
        Assert.Single(_store.Sessions);
    }

    [Fact]
    public async Task SettleAsync_InvalidSession_ThrowsAndWritesNothing()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 5m });

        await Assert.ThrowsAsync<ArgumentException>(() => _gate.SettleAsync(decision.Reservation!.Id, TestSessions.Create(name: " ")));

        Assert.Empty(_store.Sessions);
        Assert.Single(_store.Reservations);
    }

    [Fact]
    public async Task ReleaseAsync_ActiveReservation_GivesTheMoneyBack()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m });

        var outcome = await _gate.ReleaseAsync(decision.Reservation!.Id);
        var again = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 10m });

        Assert.Equal(ReservationState.Active, outcome.State);
        Assert.True(again.Admitted);
        Assert.Empty(_store.Sessions);
    }

    [Fact]
    public async Task ReleaseAsync_UnknownReservation_SaysSoAndChangesNothing()
    {
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m });

        var outcome = await _gate.ReleaseAsync("r-none");

        Assert.Equal(ReservationState.NotFound, outcome.State);
        Assert.Single(_store.Reservations);
    }

    [Fact]
    public async Task SetBudgetAsync_SameNameInAnotherCase_ReplacesTheBudgetInPlace()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await SetAsync("daily", 1m, BudgetPeriodKind.Day);

        var replaced = await _gate.SetBudgetAsync(new BudgetPolicy { Name = "Monthly", LimitUsd = 20m, Period = BudgetPeriodKind.Month });

        Assert.True(replaced);
        Assert.Equal(["Monthly", "daily"], (await _gate.ListBudgetsAsync()).Select(budget => budget.Name));
        Assert.Equal(20m, _store.Budgets[0].LimitUsd);
    }

    [Fact]
    public async Task SetBudgetAsync_UnknownTimeZone_ThrowsAndWritesNothing()
    {
        await Assert.ThrowsAsync<CostStoreException>(() =>
            _gate.SetBudgetAsync(new BudgetPolicy { Name = "x", LimitUsd = 1m, TimeZoneId = "Nowhere/Atlantis" }));

        Assert.Empty(_store.Budgets);
    }

    [Fact]
    public async Task RemoveBudgetAsync_ExistingBudget_RemovesIt()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);

        await _gate.RemoveBudgetAsync("MONTHLY");

        Assert.Empty(_store.Budgets);
    }

    [Fact]
    public async Task RemoveBudgetAsync_UnknownBudget_Throws()
    {
        await Assert.ThrowsAsync<BudgetNotFoundException>(() => _gate.RemoveBudgetAsync("monthly"));
    }

    [Fact]
    public async Task CheckAsync_Names_ReturnsThoseInTheOrderAsked()
    {
        await SetAsync("a", 1m, BudgetPeriodKind.Day);
        await SetAsync("b", 2m, BudgetPeriodKind.Week);

        var standings = await _gate.CheckAsync(["b", "a"]);

        Assert.Equal(["b", "a"], standings.Select(standing => standing.Policy.Name));
    }

    [Fact]
    public async Task CheckAsync_Period_IsTheBudgetsCalendarPeriodContainingNow()
    {
        await SetAsync("daily", 1m, BudgetPeriodKind.Day, zone: "Asia/Shanghai");

        var period = Assert.Single(await _gate.CheckAsync()).Period;

        // 12:00 UTC is 20:00 in Shanghai (UTC+8): the day runs from 16:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public async Task PeekAsync_StoreWhoseReadersNeverWait_ReadsLikeCheck()
    {
        await SetAsync("monthly", 10m, BudgetPeriodKind.Month);
        await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 4m });

        var (checkedStandings, peeked) = (await _gate.CheckAsync(), await _gate.PeekAsync());
        Assert.Equal(checkedStandings.Select(static standing => standing with { ReservationIds = [] }), peeked.Select(static standing => standing with { ReservationIds = [] }));
        Assert.Equal(checkedStandings.SelectMany(static standing => standing.ReservationIds), peeked.SelectMany(static standing => standing.ReservationIds));
    }

    private Task SetAsync(string name, decimal limit, BudgetPeriodKind period, string? sessionType = null, string zone = "UTC") =>
        _gate.SetBudgetAsync(new BudgetPolicy { Name = name, LimitUsd = limit, Period = period, SessionType = sessionType, TimeZoneId = zone });

    private Task RecordAsync(decimal estimatedUsd, DateTimeOffset startedAt, decimal? actualUsd = null, string sessionType = "team") =>
        _gate.SettleAsync("none", TestSessions.Create(sessionType: sessionType, estimatedUsd: estimatedUsd, startedAt: startedAt, actualUsd: actualUsd));

    [Fact]
    public async Task ReserveAsync_BadRequests_SayWhatIsWrong()
    {
        var negative = await Assert.ThrowsAsync<ArgumentException>(() => _gate.ReserveAsync(new ReservationRequest { AmountUsd = -1m }));
        var instant = await Assert.ThrowsAsync<ArgumentException>(() => _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.Zero }));

        Assert.StartsWith("A reservation cannot be negative.", negative.Message, StringComparison.Ordinal);
        Assert.StartsWith("A reservation must live for some time.", instant.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReserveAsync_TimeToLivePastTheEndOfTime_ExpiresAtTheLastInstant()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = TimeSpan.MaxValue });

        Assert.Equal(DateTimeOffset.MaxValue, decision.Reservation!.ExpiresAt);
        Assert.Matches("^r[0-9a-f]{16}$", decision.Reservation.Id);
    }

    [Fact]
    public async Task ReserveAsync_TimeToLiveExactlyToTheEndOfTime_ExpiresThen()
    {
        var decision = await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, TimeToLive = DateTimeOffset.MaxValue - Start });

        Assert.Equal(DateTimeOffset.MaxValue, decision.Reservation!.ExpiresAt);
    }

    [Fact]
    public async Task PeekAsync_NoNames_ReadsEveryBudget()
    {
        await SetAsync("a", 10m, BudgetPeriodKind.Month);
        await SetAsync("b", 10m, BudgetPeriodKind.Day);

        Assert.Equal(["a", "b"], (await _gate.PeekAsync()).Select(standing => standing.Policy.Name));
    }
}
