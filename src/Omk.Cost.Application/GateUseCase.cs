using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// Asks the budgets before a run starts: reserves its cost when it fits every budget that applies. A store that cannot
/// be reached fails the gate, unless it is told to fail open, which admits the run with a reservation no store holds.
/// </summary>
public sealed class GateUseCase
{
    private readonly BudgetGate _gate;

    /// <summary>Initializes a new instance of the <see cref="GateUseCase"/> class.</summary>
    /// <param name="gate">The budget gate.</param>
    public GateUseCase(BudgetGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        _gate = gate;
    }

    /// <summary>Reserves what a run will cost, if it fits.</summary>
    /// <param name="request">What to reserve.</param>
    /// <param name="failOpen">Whether to admit the run unchecked when the store cannot be reached.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The decision, and whether it was made without the store.</returns>
    /// <exception cref="ArgumentException">The amount is negative or the time to live is not positive.</exception>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written (and the gate does not fail open).</exception>
    public async Task<GateResult> GateAsync(ReservationRequest request, bool failOpen = false, CancellationToken cancellationToken = default)
    {
        try
        {
            return new GateResult { Decision = await _gate.ReserveAsync(request, cancellationToken).ConfigureAwait(false) };
        }
        catch (CostStoreUnavailableException exception) when (failOpen)
        {
            return new GateResult { Decision = _gate.AdmitUnchecked(request), AdmittedUncheckedBecause = exception };
        }
    }
}
