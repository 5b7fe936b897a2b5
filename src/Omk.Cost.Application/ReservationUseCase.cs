using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// What can be done to a gate's reservations besides settling one with a record: see them, renew one for a run still
/// going, give them back (by id, by the run's name, or every expired one).
/// </summary>
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

    /// <summary>Lists every stored reservation, the expired ones not yet swept included, oldest first.</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations with the store's time they were read at.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<ReservationListing> ListAsync(CancellationToken cancellationToken = default) => _gate.ListReservationsAsync(cancellationToken);

    /// <summary>Finds a stored reservation by its id.</summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservation, or null when the store holds none of that id (or it was never stored).</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public async Task<Reservation?> FindAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        if (BudgetGate.IsUnstored(reservationId))
        {
            return null;
        }

        var listing = await _gate.ListReservationsAsync(cancellationToken).ConfigureAwait(false);
        return listing.Reservations.FirstOrDefault(reservation => string.Equals(reservation.Id, reservationId, StringComparison.Ordinal));
    }

    /// <summary>
    /// Lets a reservation count longer, for a run still going (<see cref="BudgetGate.ExtendAsync"/>); a reservation
    /// no store holds has nothing to extend.
    /// </summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="timeToLive">How long from now it counts at least; null for the default lifetime.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found and whether it now lives longer; null for a reservation never stored.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public async Task<ReservationExtension?> ExtendAsync(string reservationId, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        return BudgetGate.IsUnstored(reservationId)
            ? null
            : await _gate.ExtendAsync(reservationId, timeToLive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives back every reservation of a run's name, for a gate whose id was lost.</summary>
    /// <param name="name">The run's name, as given to its gate.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations given back; empty when none has that name.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<IReadOnlyList<Reservation>> ReleaseNamedAsync(string name, CancellationToken cancellationToken = default) =>
        _gate.ReleaseNamedAsync(name, cancellationToken);

    /// <summary>Removes every expired reservation now (they hold no money).</summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations removed.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<IReadOnlyList<Reservation>> ReleaseExpiredAsync(CancellationToken cancellationToken = default) =>
        _gate.ReleaseExpiredAsync(cancellationToken);
}
