namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// The port through which <see cref="BudgetGate"/> keeps budgets and reservations beside the ledger of sessions.
/// An adapter decides where: a folder of files under one lock, or a database in one transaction.
/// </summary>
/// <remarks>
/// <see cref="ChangeAsync{TResult}"/> is the store's atomic step: read the ledger, the budgets and the reservations,
/// decide, write. While one step runs, no other step of any process may change what it read, so that two gates can never
/// both admit the last dollar. An implementation must be safe to call from several threads at once.
/// </remarks>
public interface IBudgetStore
{
    /// <summary>
    /// Gets where the store keeps its reservations, for messages (a file's path, or a database's address without its
    /// password). The default names no place.
    /// </summary>
    string ReservationsLocation => "the budget store";

    /// <summary>
    /// Reads the budgets, the reservations and the spend without changing them, as they stand between two steps:
    /// never half of one (a settled session without its reservation removed).
    /// </summary>
    /// <typeparam name="TResult">The type of what is read.</typeparam>
    /// <param name="read">Reads what it needs from the ledger it is given; it must not keep the ledger after it returns.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    Task<TResult> ReadAsync<TResult>(
        Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reads like <see cref="ReadAsync{TResult}"/> but never waits for a step in progress, for callers that must not
    /// block (a shell prompt). A read that overlaps a settle may count the settled run twice, never not at all. A store
    /// whose readers never wait (a database's snapshot) need not implement it: the default is <see cref="ReadAsync{TResult}"/>.
    /// </summary>
    /// <typeparam name="TResult">The type of what is read.</typeparam>
    /// <param name="read">Reads what it needs from the ledger it is given; it must not keep the ledger after it returns.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    Task<TResult> PeekAsync<TResult>(
        Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read,
        CancellationToken cancellationToken) => ReadAsync(read, cancellationToken);

    /// <summary>
    /// Runs one atomic step: reads, lets <paramref name="decide"/> choose what to write, and writes it, with no other
    /// step in between. When <paramref name="decide"/> throws, or the store fails, nothing is written.
    /// </summary>
    /// <typeparam name="TResult">The type of the step's result.</typeparam>
    /// <param name="decide">Decides from the ledger it is given what to write; it runs inside the store's critical section.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The result of the change <paramref name="decide"/> returned, once it is durably stored.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    Task<TResult> ChangeAsync<TResult>(
        Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide,
        CancellationToken cancellationToken);
}
