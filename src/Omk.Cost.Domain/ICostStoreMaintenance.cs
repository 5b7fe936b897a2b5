namespace Omk.Cost.Domain;

/// <summary>
/// A port that a store with a schema implements (the team store): bring the schema up to date, and describe the store.
/// </summary>
public interface ICostStoreMaintenance
{
    /// <summary>Applies the schema migrations the store lacks, once, even when several machines ask at once.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The names of the migrations applied now, in order; none when the schema was current.</returns>
    /// <exception cref="CostStoreException">The store cannot be reached or refused the change.</exception>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Describes the store: where it is, its schema version, how many sessions it holds, its size.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The description.</returns>
    /// <exception cref="CostStoreException">The store cannot be reached.</exception>
    Task<CostStoreStatus> DescribeAsync(CancellationToken cancellationToken);
}
