using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain.Tests.Budgets;

public sealed class BudgetChangeTests
{
    private static readonly BudgetPolicy Monthly = new() { Name = "monthly", LimitUsd = 10m, Period = BudgetPeriodKind.Month };

    private static readonly Reservation Held = new()
    {
        Id = "r1",
        AmountUsd = 1m,
        Budgets = ["monthly"],
        CreatedAt = TestSessions.Noon,
        ExpiresAt = TestSessions.Noon.AddHours(1),
    };

    [Fact]
    public void Flags_NothingDecided_WritesNothing()
    {
        var change = new BudgetChange<int> { Result = 1 };

        Assert.True(change.IsEmpty);
        Assert.False(change.ChangesBudgets);
        Assert.False(change.ChangesReservations);
    }

    [Fact]
    public void Flags_EachPartAlone_IsNotEmptyAndWritesItsOwnFile()
    {
        var set = new BudgetChange<int> { Result = 0, SetBudget = Monthly };
        var remove = new BudgetChange<int> { Result = 0, RemoveBudget = "monthly" };
        var add = new BudgetChange<int> { Result = 0, AddReservation = Held };
        var release = new BudgetChange<int> { Result = 0, RemoveReservations = ["r1"] };
        var record = new BudgetChange<int> { Result = 0, Record = TestSessions.Create() };

        Assert.All(new[] { set, remove, add, release, record }, change => Assert.False(change.IsEmpty));
        Assert.Equal([true, true, false, false, false], new[] { set, remove, add, release, record }.Select(change => change.ChangesBudgets));
        Assert.Equal([false, false, true, true, false], new[] { set, remove, add, release, record }.Select(change => change.ChangesReservations));
    }

    [Fact]
    public void ApplyTo_NullLists_AreRefused()
    {
        var change = new BudgetChange<int> { Result = 0 };

        Assert.Throws<ArgumentNullException>(() => change.ApplyTo((IReadOnlyList<BudgetPolicy>)null!));
        Assert.Throws<ArgumentNullException>(() => change.ApplyTo((IReadOnlyList<Reservation>)null!));
    }
}
