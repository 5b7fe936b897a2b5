using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Application;

/// <summary>
/// Sends what waits in a team store's outbox, the one way every command and <c>sync</c> do it: sessions recorded alone
/// are stored by id, and a settle's session is recorded and its reservation removed in one budget step
/// (<see cref="BudgetGate.SettleAsync"/>), exactly once however often it is sent.
/// </summary>
/// <remarks>
/// Sending again is harmless: the store inserts a session once per id, and the step that stored it removed its
/// reservation in the same transaction, so a second send finds the session there and the reservation gone. A
/// reservation gated for another type than the session's cannot be settled by it: that session is stored alone and the
/// reservation counts until it is released or expires, as when the store refuses such a settle at once.
/// </remarks>
internal static class OutboxSending
{
    /// <summary>Sends the outbox.</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="upsert">Stores sessions recorded alone, by id.</param>
    /// <param name="gate">Settles reservations; null to store every session alone.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were sent.</returns>
    public static Task<int> SendAsync(ICostOutbox outbox, Func<IReadOnlyList<SessionCost>, CancellationToken, Task> upsert, BudgetGate? gate, CancellationToken cancellationToken) =>
        outbox.SendEntriesAsync(
            async (batch, token) =>
            {
                var settles = gate is null ? [] : batch.Where(static entry => entry.ReservationId is { } id && !BudgetGate.IsUnstored(id)).ToList();
                var alone = batch.Except(settles).Select(static entry => entry.Session).ToList();
                if (alone.Count > 0)
                {
                    await upsert(alone, token).ConfigureAwait(false);
                }

                foreach (var settle in settles)
                {
                    try
                    {
                        await gate!.SettleAsync(settle.ReservationId!, SessionText.MakeSafe(settle.Session), token).ConfigureAwait(false);
                    }
                    catch (ReservationTypeMismatchException)
                    {
                        await upsert([settle.Session], token).ConfigureAwait(false);
                    }
                }
            },
            cancellationToken);
}
