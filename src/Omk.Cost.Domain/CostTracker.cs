using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Domain;

/// <summary>
/// Records what sessions cost and reports the spend, through an <see cref="ICostSink"/>.
/// </summary>
/// <remarks>
/// <see cref="RecordAsync"/> only ever appends; <see cref="LoadAsync"/>, <see cref="ReportAsync"/>,
/// <see cref="TotalEstimatedAsync"/> and <c>CheckBudgetAsync</c> only read; <see cref="ClearAsync"/> empties.
/// </remarks>
public sealed class CostTracker
{
    private readonly ICostSink _sink;

    /// <summary>
    /// Initializes a new instance of the <see cref="CostTracker"/> class.
    /// </summary>
    /// <param name="sink">Where sessions are stored.</param>
    public CostTracker(ICostSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
    }

    /// <summary>Gets where the sessions are stored, for messages: the sink's <see cref="ICostSink.Location"/>.</summary>
    public string StoreLocation => _sink.Location;

    /// <summary>
    /// Appends one session to the history, never rewriting or reordering what is there.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the session is stored.</returns>
    /// <exception cref="ArgumentException">The session has no type or name, ends before it starts, or costs less than nothing.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task RecordAsync(SessionCost session, CancellationToken cancellationToken = default)
    {
        Validate(session);
        return _sink.AppendAsync(session, cancellationToken);
    }

    /// <summary>
    /// Stores sessions that carry an identity, replacing earlier versions of the same sessions in place.
    /// </summary>
    /// <param name="sessions">The sessions; each must have an <see cref="SessionCost.Id"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were added, replaced or already stored as given.</returns>
    /// <exception cref="ArgumentException">A session is invalid or has no identity.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, CancellationToken cancellationToken = default) =>
        UpsertAsync(sessions, UpsertMode.Apply, cancellationToken);

    /// <summary>
    /// Stores sessions that carry an identity, or with <see cref="UpsertMode.DryRun"/> only counts what storing them would do.
    /// </summary>
    /// <param name="sessions">The sessions; each must have an <see cref="SessionCost.Id"/>.</param>
    /// <param name="mode">Whether to store the sessions or only count what storing them would do.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>How many sessions were (or would be) added, replaced or already stored as given.</returns>
    /// <exception cref="ArgumentException">A session is invalid or has no identity.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        foreach (var session in sessions)
        {
            Validate(session);
            if (string.IsNullOrWhiteSpace(session.Id))
            {
                throw new ArgumentException("Every session stored by identity needs an id.", nameof(sessions));
            }
        }

        return _sink.UpsertAsync(sessions, mode, cancellationToken);
    }

    /// <summary>
    /// Loads every recorded session, in the order recorded.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The sessions.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public async Task<IReadOnlyList<SessionCost>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var sessions = new List<SessionCost>();
        await foreach (var session in _sink.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(session);
        }

        return sessions;
    }

    /// <summary>
    /// Adds up the estimated US dollars of every recorded session.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The total estimate.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public async Task<decimal> TotalEstimatedAsync(CancellationToken cancellationToken = default)
    {
        var total = 0m;
        await foreach (var session in _sink.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            total = Saturating.Add(total, session.Estimate.EstimatedUsd);
        }

        return total;
    }

    /// <summary>
    /// Reports the recorded sessions, streaming them from the store.
    /// </summary>
    /// <param name="query">Which sessions to cover and how to group them; null covers all, by type.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The report.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    /// <remarks>A store that adds sessions up itself (<see cref="ICostSummarySource"/>) is asked for the groups instead.</remarks>
    public Task<CostReport> ReportAsync(CostReportQuery? query = null, CancellationToken cancellationToken = default) =>
        _sink is ICostSummarySource summary
            ? CostReport.FromGroupsAsync(summary.SummarizeAsync(query ?? CostReportQuery.All, cancellationToken), query, cancellationToken)
            : CostReport.CreateAsync(_sink.ReadAllAsync(cancellationToken), query, cancellationToken);

    /// <summary>
    /// Compares the spend (actual cost where known, else the estimate) with a limit.
    /// </summary>
    /// <param name="limitUsd">The budget in US dollars; zero or more.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The budget status.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limitUsd"/> is negative.</exception>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<BudgetStatus> CheckBudgetAsync(decimal limitUsd, CancellationToken cancellationToken = default) =>
        CheckBudgetAsync(limitUsd, BudgetPeriod.AllTime, cancellationToken);

    /// <summary>
    /// Compares the spend of the sessions that started in a period (actual cost where known, else the estimate) with a limit.
    /// </summary>
    /// <param name="limitUsd">The budget in US dollars; zero or more.</param>
    /// <param name="period">The period whose sessions count.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The budget status.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limitUsd"/> is negative.</exception>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public async Task<BudgetStatus> CheckBudgetAsync(decimal limitUsd, BudgetPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitUsd);
        var spent = 0m;
        await foreach (var session in _sink.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (BudgetSpend.Counts(session, period, sessionType: null))
            {
                spent = Saturating.Add(spent, session.EffectiveUsd);
            }
        }

        return new BudgetStatus(limitUsd, spent);
    }

    /// <summary>
    /// Tells whether there is a stored history at all, readable or not, without reading it.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns><see langword="true"/> when <see cref="ClearAsync"/> would have something to remove or move aside.</returns>
    /// <exception cref="CostStoreException">The store cannot be reached.</exception>
    public Task<bool> HasHistoryAsync(CancellationToken cancellationToken = default) => _sink.ExistsAsync(cancellationToken);

    /// <summary>
    /// Removes every recorded session.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was removed, and where unreadable data was moved aside.</returns>
    /// <exception cref="CostStoreException">The store cannot be written.</exception>
    public Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken = default) => _sink.ClearAsync(cancellationToken);

    /// <summary>Checks a session before it is stored.</summary>
    /// <exception cref="ArgumentException">The session has no type or name, ends before it starts, costs less than nothing, or holds text <see cref="SessionText"/> refuses.</exception>
    internal static void Validate(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (string.IsNullOrWhiteSpace(session.SessionType))
        {
            throw new ArgumentException("A session needs a type.", nameof(session));
        }

        if (string.IsNullOrWhiteSpace(session.Name))
        {
            throw new ArgumentException("A session needs a name.", nameof(session));
        }

        if (session.EndedAt is { } ended && ended < session.StartedAt)
        {
            throw new ArgumentException("A session cannot end before it starts.", nameof(session));
        }

        if (session.Estimate.EstimatedUsd < 0m || session.ActualUsd < 0m)
        {
            throw new ArgumentException("A cost cannot be negative.", nameof(session));
        }

        // One text rule and one time rule for every path into a ledger (record, settle, import, sync) and every store.
        if ((SessionText.FindProblem(session, controlCharacters: true) ?? SessionTimes.FindProblem(session)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(session));
        }
    }
}
