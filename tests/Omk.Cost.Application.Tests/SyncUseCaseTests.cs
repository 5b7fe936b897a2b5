using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application.Tests;

public sealed class SyncUseCaseTests
{
    [Fact]
    public async Task SyncAsync_LocalHistoryAndOutbox_SendsBothByIdAndTwiceAddsNothing()
    {
        var local = new InMemoryCostSink();
        await local.UpsertAsync([TestSessions.Create(name: "local", id: "r-local")], UpsertMode.Apply, CancellationToken.None);
        var team = new InMemoryCostSink();
        var outbox = new ListOutbox(TestSessions.Create(name: "waiting", id: "r-waiting"));
        var useCase = new SyncUseCase(team, outbox);

        var first = await useCase.SyncAsync(local, "laptop");
        var second = await useCase.SyncAsync(local, "laptop");

        Assert.Equal(["local", "waiting"], (await Stores.Read(team)).Select(session => session.Name).Order(StringComparer.Ordinal));
        Assert.Equal((1, 1, 1), (first.Sessions, first.Outcome.Added, first.FromOutbox));
        Assert.Equal((0, 1, 0), (second.Outcome.Added, second.Outcome.Unchanged, second.FromOutbox));
        Assert.Equal(("memory", "memory"), (first.From, first.To));
    }

    [Fact]
    public async Task SyncAsync_SettleKeptInTheOutbox_StoresItsSessionAndSettlesItsReservationInOneStep()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, new FakeTimeProvider(TestSessions.Noon));
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m })).Reservation!;
        var outbox = new ListOutbox();
        await outbox.AddAsync(TestSessions.Create(name: "settle", id: "r-settle"), reservation.Id, CancellationToken.None);
        await outbox.AddAsync(TestSessions.Create(name: "alone", id: "r-alone"), null, CancellationToken.None);
        var team = new InMemoryCostSink();

        var result = await new SyncUseCase(team, outbox) { Gate = gate }.SyncAsync(new InMemoryCostSink(), "laptop");

        Assert.Equal(2, result.FromOutbox);
        Assert.Empty(budgets.Reservations);
        Assert.Equal("settle", Assert.Single(budgets.Sessions).Name);
        Assert.Equal("alone", Assert.Single(await Stores.Read(team)).Name);
    }

    [Fact]
    public async Task SyncAsync_SettleOfAnotherTypeKeptInTheOutbox_StoresTheSessionAloneAndLeavesTheReservation()
    {
        using var budgets = new InMemoryBudgetStore();
        var gate = new BudgetGate(budgets, new FakeTimeProvider(TestSessions.Noon));
        var reservation = (await gate.ReserveAsync(new ReservationRequest { AmountUsd = 2m, SessionType = "kimi" })).Reservation!;
        var outbox = new ListOutbox();
        await outbox.AddAsync(TestSessions.Create(name: "other-type", id: "r-other"), reservation.Id, CancellationToken.None);
        var team = new InMemoryCostSink();

        await new SyncUseCase(team, outbox) { Gate = gate }.SyncAsync(new InMemoryCostSink(), "laptop");

        Assert.Equal("other-type", Assert.Single(await Stores.Read(team)).Name);
        Assert.Equal(reservation.Id, Assert.Single(budgets.Reservations).Id);
        Assert.Empty(budgets.Sessions);
    }

    [Fact]
    public async Task SyncAsync_SessionsWithoutIds_GivesThemContentIdsFirst()
    {
        var local = new IdAssigningSink();
        var team = new InMemoryCostSink();

        var result = await new SyncUseCase(team).SyncAsync(local, "laptop");

        Assert.Equal(1, result.Identified);
        Assert.Equal(new SessionIds("laptop").ContentId(TestSessions.Create()), Assert.Single(await Stores.Read(team)).Id);
    }

    [Fact]
    public async Task SyncAsync_EmptyHistory_SendsNothing()
    {
        var team = new InMemoryCostSink();

        var result = await new SyncUseCase(team).SyncAsync(new InMemoryCostSink(), "laptop");

        Assert.Equal(0, result.Sessions);
        Assert.Empty(await Stores.Read(team));
    }

    private sealed class IdAssigningSink : ICostSink, ISessionIdAssigner
    {
        private readonly InMemoryCostSink _inner = new();
        private SessionCost _session = TestSessions.Create();

        public string Location => "local";

        public Task<int> AssignIdsAsync(Func<SessionCost, string> idFor, CancellationToken cancellationToken)
        {
            _session = _session with { Id = idFor(_session) };
            return Task.FromResult(1);
        }

        public async IAsyncEnumerable<SessionCost> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return _session;
        }

        public Task AppendAsync(SessionCost session, CancellationToken cancellationToken) => _inner.AppendAsync(session, cancellationToken);

        public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken) => _inner.UpsertAsync(sessions, mode, cancellationToken);

        public Task<bool> ExistsAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken) => _inner.ClearAsync(cancellationToken);
    }
}
