using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// One text rule for every path into a ledger: record, upsert (import, sync) and the settle of a reservation refuse the
/// same text, budgets and reservations refuse hidden characters in their names, and text from a log is made safe.
/// </summary>
public sealed class SessionTextRuleTests : IDisposable
{
    private readonly InMemoryBudgetStore _store = new();
    private readonly BudgetGate _gate;
    private readonly InMemoryCostSink _sink = new();
    private readonly CostTracker _tracker;

    public SessionTextRuleTests()
    {
        _gate = new BudgetGate(_store, new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)));
        _tracker = new CostTracker(_sink);
    }

    /// <summary>Names as escaped text (a lone surrogate does not survive the test runner's serialisation), and what is wrong.</summary>
    public static TheoryData<string, string> RefusedNames => new()
    {
        { "bad\\ud800name", "the session's name holds a lone surrogate (U+D800) at character 4" },
        { "\\u001b]0;pwned\\u0007", "the session's name holds a control character (U+001B) at character 1" },
        { "a\\r\\nfake row", "the session's name holds a control character (U+000D) at character 2" },
        { "abc\\u202etxt.exe", "the session's name holds a control character (U+202E) at character 4" },
    };

    public void Dispose() => _store.Dispose();

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task SettleAsync_NameTheRecordRefuses_IsRefusedTooAndNothingIsStoredNorTheReservationRemoved(string escaped, string problem)
    {
        var name = Regex.Unescape(escaped);
        var reservation = (await _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m })).Reservation!;

        var settle = await Assert.ThrowsAsync<ArgumentException>(() => _gate.SettleAsync(reservation.Id, TestSessions.Create(name: name)));
        var record = await Assert.ThrowsAsync<ArgumentException>(() => _tracker.RecordAsync(TestSessions.Create(name: name)));

        Assert.StartsWith(problem, settle.Message, StringComparison.Ordinal);
        Assert.Equal(settle.Message, record.Message);
        Assert.Empty(_store.Sessions);
        Assert.Single(_store.Reservations);
        Assert.Empty(await _tracker.LoadAsync());
    }

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public async Task UpsertAsync_NameTheRecordRefuses_IsRefused(string escaped, string problem)
    {
        var name = Regex.Unescape(escaped);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _tracker.UpsertAsync([TestSessions.Create(name: name) with { Id = "kimi:1" }]));

        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _tracker.LoadAsync());
    }

    [Fact]
    public async Task UpsertAsync_ATitleFromALogMadeSafe_IsStoredAsItIsShown()
    {
        var session = SessionText.MakeSafe(TestSessions.Create(sessionType: "kimi", name: "\u001b]52;c;cm0K\u0007bad\ud800") with { Id = "kimi:1" });

        await _tracker.UpsertAsync([session]);

        Assert.Equal("\\e]52;c;cm0K\\x07bad\ufffd", Assert.Single(await _tracker.LoadAsync()).Name);
    }

    [Fact]
    public void MakeSafe_TextThatFits_IsTheSameSession()
    {
        var session = TestSessions.Create(name: "Fix login 😀");

        Assert.Same(session, SessionText.MakeSafe(session));
    }

    [Fact]
    public void MakeSafe_LoneSurrogatesInOtherFields_BecomeReplacementCharacters()
    {
        var session = TestSessions.Create(name: "n\u0007") with
        {
            Id = "kimi:\udc00",
            Details = new SessionUsageDetails { Model = "m\ud800", Project = "/p/\u001b" },
        };

        var safe = SessionText.MakeSafe(session);

        Assert.Equal(("n\\x07", "kimi:\ufffd", "m\ufffd", "/p/\u001b"), (safe.Name, safe.Id, safe.Details!.Model, safe.Details.Project));
        Assert.Null(SessionText.FindProblem(safe, controlCharacters: true));
    }

    [Theory]
    [InlineData("\\u001b[2J")]
    [InlineData("x\\ud800")]
    public async Task SetBudgetAsync_NameWithAHiddenCharacter_IsRefusedAndWritesNothing(string escaped)
    {
        var name = Regex.Unescape(escaped);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _gate.SetBudgetAsync(new BudgetPolicy { Name = name, LimitUsd = 1m, Period = BudgetPeriodKind.Month }));

        Assert.StartsWith("the budget's name holds a ", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Budgets);
    }

    [Fact]
    public async Task ReserveAsync_TypeWithAControlCharacter_IsRefusedAndWritesNothing()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _gate.ReserveAsync(new ReservationRequest { AmountUsd = 1m, SessionType = "team\u001b[2J" }));

        Assert.StartsWith("the reservation's session type holds a control character (U+001B) at character 5", error.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Reservations);
    }
}
