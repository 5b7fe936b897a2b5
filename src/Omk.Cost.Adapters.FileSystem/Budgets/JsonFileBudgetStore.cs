using System.IO.Abstractions;
using Microsoft.Extensions.Options;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.FileSystem.Budgets;

/// <summary>
/// Keeps budgets in <c>budgets.json</c> and reservations in <c>reservations.json</c>, beside <c>costs.json</c> in the
/// state folder, where the Rust omk never looks.
/// </summary>
/// <remarks>
/// Every change is one step under the history's own lock, <c>costs.json.lock</c>: the three files are read, the step
/// decides, and what it decided is written atomically (the history first, then the reservations, then the budgets), so
/// gates, records and releases of any number of processes never interleave. Files are created readable by the owner
/// alone. Reads take the same lock, so that they see every step whole; peeks take none.
/// </remarks>
internal sealed class JsonFileBudgetStore : IBudgetStore
{
    private readonly IFileSystem _fileSystem;
    private readonly JsonFileCostSink _history;
    private readonly AtomicFileWriter _writer;
    private readonly StateFile _budgetsFile;
    private readonly StateFile _reservationsFile;

    /// <summary>
    /// Initializes a new instance of the <see cref="JsonFileBudgetStore"/> class.
    /// </summary>
    /// <param name="fileSystem">The file system that holds the state folder.</param>
    /// <param name="options">Where the state folder is, the history's file name, and how long to wait for its lock.</param>
    /// <param name="timeProvider">The clock for lock waits.</param>
    public JsonFileBudgetStore(IFileSystem fileSystem, IOptions<OmkCostOptions> options, TimeProvider timeProvider)
    {
        _fileSystem = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));
        _history = new JsonFileCostSink(fileSystem, options, timeProvider);
        _writer = new AtomicFileWriter(fileSystem);
        var directory = fileSystem.Path.GetDirectoryName(_history.FilePath)!;
        BudgetsFilePath = fileSystem.Path.Combine(directory, BudgetFiles.BudgetsFileName);
        ReservationsFilePath = fileSystem.Path.Combine(directory, BudgetFiles.ReservationsFileName);
        _budgetsFile = new StateFile(fileSystem, BudgetsFilePath, BudgetFiles.BudgetsDocument, BudgetFiles.EmptyWords);
        _reservationsFile = new StateFile(fileSystem, ReservationsFilePath, BudgetFiles.ReservationsDocument, BudgetFiles.EmptyWords);
    }

    /// <summary>Gets the full path of the budgets file.</summary>
    public string BudgetsFilePath { get; }

    /// <summary>Gets the full path of the reservations file.</summary>
    public string ReservationsFilePath { get; }

    /// <inheritdoc/>
    public string ReservationsLocation => ReservationsFilePath;

    /// <inheritdoc/>
    /// <remarks>
    /// A read takes the history's lock too, so that it never sees half of a settle (the session written, its
    /// reservation not yet removed). Without a state folder there is nothing to read, and nothing is created.
    /// </remarks>
    public async Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!_fileSystem.Directory.Exists(_fileSystem.Path.GetDirectoryName(BudgetsFilePath)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            return await read(new FileBudgetLedger([], [], _ => ValueTask.FromResult(SpendSummary.Empty)), cancellationToken).ConfigureAwait(false);
        }

        return await _history.RunLockedAsync(
            async (history, token) =>
            {
                var (reservations, _) = await CompleteSettlesAsync(await ReadReservationsAsync(token).ConfigureAwait(false), history, token).ConfigureAwait(false);
                var budgets = await ReadBudgetsAsync(token).ConfigureAwait(false);
                return await read(new FileBudgetLedger(budgets, reservations, history.SummaryAsync), token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Takes no lock: the reservations are read before the history, so that a read that overlaps a settle (the session
    /// written first, then its reservation removed) may count the run twice but never not at all.
    /// </remarks>
    public async Task<TResult> PeekAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var reservations = await ReadReservationsAsync(cancellationToken).ConfigureAwait(false);
        var budgets = await ReadBudgetsAsync(cancellationToken).ConfigureAwait(false);

        // The history's summary only when a spend is asked for (still after the reservations): no budget, nothing to read.
        return await read(new FileBudgetLedger(budgets, reservations, async token => await _history.ReadSpendSummaryAsync(token).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return _history.RunLockedAsync(
            async (history, token) =>
            {
                var (reservations, completed) = await CompleteSettlesAsync(await ReadReservationsAsync(token).ConfigureAwait(false), history, token).ConfigureAwait(false);
                var budgets = await ReadBudgetsAsync(token).ConfigureAwait(false);

                // Only once both paths are known to be readable files of their kind (or none): a link's target folder is not swept otherwise.
                _writer.RemoveOrphanedTempFiles(ReservationsFilePath);
                _writer.RemoveOrphanedTempFiles(BudgetsFilePath);
                if (completed)
                {
                    await WriteAsync(ReservationsFilePath, BudgetFiles.Serialize(reservations), token).ConfigureAwait(false);
                }

                var change = await decide(new FileBudgetLedger(budgets, reservations, history.SummaryAsync), token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();

                if (change.Record is { } session)
                {
                    await RecordAsync(reservations, change, session, history, token).ConfigureAwait(false);
                }

                // Once the session is written the rest of the step is written too: a cancellation no longer stops it.
                if (change.ChangesReservations)
                {
                    // A new reservation names who made it and where, for 'reservations list'.
                    var stamped = change.AddReservation is { } added
                        ? change with { AddReservation = added with { User = added.User ?? Environment.UserName, Host = added.Host ?? Environment.MachineName } }
                        : change;
                    await WriteAsync(ReservationsFilePath, BudgetFiles.Serialize(stamped.ApplyTo(reservations)), CancellationToken.None).ConfigureAwait(false);
                }

                if (change.ChangesBudgets)
                {
                    await WriteAsync(BudgetsFilePath, BudgetFiles.Serialize(change.ApplyTo(budgets)), CancellationToken.None).ConfigureAwait(false);
                }

                return change.Result;
            },
            cancellationToken);
    }

    /// <summary>
    /// Records a step's session. A settle (a session with an id that removes reservations) first marks the reservations
    /// it removes with the session's id: the session and the reservations' removal are two writes, and a process killed
    /// between them leaves the mark, by which the next step completes the settle (<see cref="CompleteSettlesAsync"/>).
    /// </summary>
    private async Task RecordAsync<TResult>(IReadOnlyList<Reservation> reservations, BudgetChange<TResult> change, SessionCost session, LockedHistory history, CancellationToken token)
    {
        if (session.Id is { } id && change.RemoveReservations.Count > 0)
        {
            var removed = change.RemoveReservations.ToHashSet(StringComparer.Ordinal);
            var marked = reservations.Select(reservation => removed.Contains(reservation.Id) ? reservation with { SettledBy = id } : reservation);
            await WriteAsync(ReservationsFilePath, BudgetFiles.Serialize(marked), token).ConfigureAwait(false);
        }

        await history.AppendAsync(session, token).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes the settles that a killed process left between their writes: a reservation marked with the id of a
    /// session the history holds was settled and is gone; one whose session was never recorded holds its money again.
    /// </summary>
    /// <returns>The reservations as they stand, and whether any mark was found (and so the file is to be written).</returns>
    private static async Task<(IReadOnlyList<Reservation> Reservations, bool Completed)> CompleteSettlesAsync(IReadOnlyList<Reservation> reservations, LockedHistory history, CancellationToken token)
    {
        if (!reservations.Any(static reservation => reservation.SettledBy is not null))
        {
            return (reservations, false);
        }

        var standing = new List<Reservation>(reservations.Count);
        foreach (var reservation in reservations)
        {
            if (reservation.SettledBy is not { } sessionId)
            {
                standing.Add(reservation);
            }
            else if (!await history.HoldsAsync(sessionId, token).ConfigureAwait(false))
            {
                standing.Add(reservation with { SettledBy = null });
            }
        }

        return (standing, true);
    }

    private async Task<IReadOnlyList<Reservation>> ReadReservationsAsync(CancellationToken cancellationToken) =>
        BudgetFiles.ParseReservations(ReservationsFilePath, await ReadBytesAsync(_reservationsFile, cancellationToken).ConfigureAwait(false));

    private async Task<IReadOnlyList<BudgetPolicy>> ReadBudgetsAsync(CancellationToken cancellationToken) =>
        BudgetFiles.ParseBudgets(BudgetsFilePath, await ReadBytesAsync(_budgetsFile, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Reads a budget file under the state folder's rule for links and file types (<see cref="StateFile"/>), the one
    /// <c>costs.json</c> follows: what may not be written through is refused here, before anything is written.
    /// </summary>
    private static async Task<byte[]> ReadBytesAsync(StateFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await file.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CostStoreException($"could not read {file.Path}: {exception.Message}", exception);
        }
    }

    private async Task WriteAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CostStoreException($"could not write {path}: {exception.Message}", exception);
        }
    }
}
