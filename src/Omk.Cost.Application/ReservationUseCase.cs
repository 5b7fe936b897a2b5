using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>What can be done to a gate's reservation besides settling it with a record: give it back.</summary>
public sealed class ReservationUseCase
{
    private readonly BudgetGate _gate;

    /// <summary>Initializes a new instance of the <see cref="ReservationUseCase"/> class.</summary>
    /// <param name="gate">The budget gate.</param>
    public ReservationUseCase(BudgetGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
    }

    /// <summary>
    /// Gives a reservation back, for a run that did not happen. A reservation of a gate that failed open is in no
    /// store: nothing is asked of the store.
    /// </summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found of the reservation.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public async Task<ReleaseResult> ReleaseAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        return BudgetGate.IsUnstored(reservationId)
            ? new ReleaseResult()
            : new ReleaseResult { Outcome = await _gate.ReleaseAsync(reservationId, cancellationToken).ConfigureAwait(false) };
    }
}
