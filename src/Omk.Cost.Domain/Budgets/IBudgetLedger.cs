namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// What one step of an <see cref="IBudgetStore"/> sees: the budgets, the reservations and the recorded spend, as they
/// stand while the step runs.
/// </summary>
public interface IBudgetLedger
{
    /// <summary>Gets the budgets, in the order they were first set.</summary>
    IReadOnlyList<BudgetPolicy> Budgets { get; }

    /// <summary>
    /// Gets the store's own time, read inside the step, for stores that many machines share (a database server's
    /// clock), or null when the step should use the caller's clock.
    /// </summary>
    DateTimeOffset? Now => null;

    /// <summary>Gets the stored reservations, the expired ones that no write has swept yet included.</summary>
    IReadOnlyList<Reservation> Reservations { get; }

    /// <summary>
    /// Adds up the spend of the recorded sessions that count in a period for a session type, by the rule of
    /// <see cref="BudgetSpend"/>: sessions that started in the period, of the type (case-insensitively, every type when
    /// null), each with its actual cost where known, else its estimate.
    /// </summary>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The type, or null for every type.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The spend in US dollars.</returns>
    ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken);

    /// <summary>
    /// Adds up the spend of several periods and types at once, each by the rule of
    /// <see cref="SpentAsync(BudgetPeriod, string?, CancellationToken)"/>: for a store that asks a server, one question
    /// for all of them instead of one each. The default asks them one at a time.
    /// </summary>
    /// <param name="queries">The periods, each with its type (null for every type).</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The spend of each query in US dollars, in the order of <paramref name="queries"/>.</returns>
    async ValueTask<IReadOnlyList<decimal>> SpentAsync(IReadOnlyList<(BudgetPeriod Period, string? SessionType)> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var spent = new decimal[queries.Count];
        for (var index = 0; index < spent.Length; index++)
        {
            spent[index] = await SpentAsync(queries[index].Period, queries[index].SessionType, cancellationToken).ConfigureAwait(false);
        }

        return spent;
    }

    /// <summary>
    /// Gets what the ledger holds for some session ids, by the rule of <see cref="BudgetSpend.Recorded"/>: each id's
    /// spend (actual cost where known, else the estimate), the last stored session of an id counting when several have it.
    /// </summary>
    /// <param name="ids">The ids, compared exactly.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The spend of each id the ledger holds; ids it does not hold are left out.</returns>
    ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}
