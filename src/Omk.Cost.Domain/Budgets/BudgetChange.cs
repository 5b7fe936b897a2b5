namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What one step of an <see cref="IBudgetStore"/> decided to write, and what it returns to its caller.
/// </summary>
/// <typeparam name="TResult">The type of the step's result.</typeparam>
/// <remarks>
/// The store applies every part or none. On a store of several files a session is written before the reservations, so
/// that a crash between the two can count a settled run twice until its reservation expires, but never not at all.
/// </remarks>
public sealed record BudgetChange<TResult>
{
    /// <summary>Gets the step's result.</summary>
    public required TResult Result { get; init; }

    /// <summary>Gets a budget to add, or to put in place of the budget with the same name; null for none.</summary>
    public BudgetPolicy? SetBudget { get; init; }

    /// <summary>Gets the name of a budget to remove; null for none.</summary>
    public string? RemoveBudget { get; init; }

    /// <summary>Gets a reservation to add; null for none.</summary>
    public Reservation? AddReservation { get; init; }

    /// <summary>Gets the identifiers of the reservations to remove: settled, released, or expired and swept.</summary>
    public IReadOnlyCollection<string> RemoveReservations { get; init; } = [];

    /// <summary>
    /// Gets the reservations among <see cref="RemoveReservations"/> that the step removes at its caller's request (a
    /// settle, a release, an extension): a store that lets a member remove only their own reservations fails the whole
    /// step when it may not remove one of these, where a sweep of expired ones merely leaves what it may not remove.
    /// </summary>
    public IReadOnlyCollection<string> ClosedReservations { get; init; } = [];

    /// <summary>Gets a session to append to the ledger; null for none.</summary>
    public SessionCost? Record { get; init; }

    /// <summary>Gets a value indicating whether the step writes nothing.</summary>
    public bool IsEmpty => SetBudget is null && RemoveBudget is null && AddReservation is null && RemoveReservations.Count == 0 && Record is null;

    /// <summary>Gets a value indicating whether the step writes budgets.</summary>
    public bool ChangesBudgets => SetBudget is not null || RemoveBudget is not null;

    /// <summary>Gets a value indicating whether the step writes reservations.</summary>
    public bool ChangesReservations => AddReservation is not null || RemoveReservations.Count > 0;

    /// <summary>Gets the budgets as they are after this change: the set budget in place of its namesake or last, the removed one gone.</summary>
    /// <param name="budgets">The budgets before the change.</param>
    /// <returns>The budgets after it.</returns>
    public IReadOnlyList<BudgetPolicy> ApplyTo(IReadOnlyList<BudgetPolicy> budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var result = budgets.ToList();
        if (SetBudget is { } policy)
        {
            var index = result.FindIndex(budget => BudgetRules.Names.Equals(budget.Name, policy.Name));
            if (index < 0)
            {
                result.Add(policy);
            }
            else
            {
                result[index] = policy;
            }
        }

        if (RemoveBudget is { } name)
        {
            result.RemoveAll(budget => BudgetRules.Names.Equals(budget.Name, name));
        }

        return result;
    }

    /// <summary>Gets the reservations as they are after this change: the removed ones gone, the added one last.</summary>
    /// <param name="reservations">The reservations before the change.</param>
    /// <returns>The reservations after it.</returns>
    public IReadOnlyList<Reservation> ApplyTo(IReadOnlyList<Reservation> reservations)
    {
        ArgumentNullException.ThrowIfNull(reservations);
        var removed = RemoveReservations.ToHashSet(StringComparer.Ordinal);
        var result = reservations.Where(reservation => !removed.Contains(reservation.Id)).ToList();
        if (AddReservation is { } added)
        {
            result.Add(added);
        }

        return result;
    }
}
