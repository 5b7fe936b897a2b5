using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Application;

/// <summary>
/// Imports an agent's sessions into the ledger (<c>omk cost import kimi</c>): every priced session of a usage reading
/// upserted by its id (<c>kimi:&lt;session id&gt;</c>), so that importing again adds nothing and a session that grew
/// is updated; a session with a call of a model without a price is left out and named, never recorded at a wrong cost.
/// </summary>
internal sealed class ImportUsageUseCase
{
    private readonly CostTracker _tracker;

    /// <summary>Initializes a new instance of the <see cref="ImportUsageUseCase"/> class.</summary>
    /// <param name="tracker">The ledger's tracker (over the outbox when the store has one).</param>
    public ImportUsageUseCase(CostTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
    }

    /// <summary>Upserts the priced sessions of a reading.</summary>
    /// <param name="reading">What the usage source read (<see cref="IUsageSource.Read"/>), as the command's options chose it.</param>
    /// <param name="mode">Whether to write, or only to count what would change.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions found, what the upsert did, and the sessions left out for lack of a price.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public async Task<ImportUsageResult> ImportAsync(UsageReading reading, UpsertMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var sessions = reading.ToSessionCosts();
        var outcome = sessions.Count == 0 ? default : await _tracker.UpsertAsync(sessions, mode, cancellationToken).ConfigureAwait(false);
        return new ImportUsageResult(sessions.Count, outcome, reading.UnpricedSessions());
    }
}
