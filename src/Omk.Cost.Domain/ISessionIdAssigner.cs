namespace Omk.Cost.Domain;

/// <summary>
/// A port that a store implements when it can hold sessions without an id (the <c>costs.json</c> of the Rust omk
/// has none): it gives them ids in place, so that a later sync to a team store recognises them.
/// </summary>
public interface ISessionIdAssigner
{
    /// <summary>
    /// Gives every stored session that has no <see cref="SessionCost.Id"/> the id <paramref name="idFor"/> returns,
    /// in one atomic change; every other session stays as it was. <paramref name="idFor"/> is called in stored order,
    /// and called again for the same session while its answer is an id the history already holds, so that no id is
    /// given twice.
    /// </summary>
    /// <param name="idFor">Makes the id of a session.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were given an id.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    Task<int> AssignIdsAsync(Func<SessionCost, string> idFor, CancellationToken cancellationToken);
}
