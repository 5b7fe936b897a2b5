namespace Omk.Cost.Domain.Usage;

/// <summary>
/// What an <see cref="IUsageSource"/> read: the sessions with their model calls, the warnings, and the prices in force;
/// a report of them by session or by period, and the sessions an import records.
/// </summary>
internal class UsageReading
{
    private readonly Func<SessionUsage, PriceTable, SessionCost> _toSessionCost;

    /// <summary>Initializes a new instance of the <see cref="UsageReading"/> class.</summary>
    /// <param name="sessions">The sessions, in the order they started.</param>
    /// <param name="warnings">What could not be used.</param>
    /// <param name="prices">The prices in force.</param>
    /// <param name="toSessionCost">Maps a session, priced, to what the ledger records of it (the agent's own id and type).</param>
    public UsageReading(IReadOnlyList<SessionUsage> sessions, IReadOnlyList<UsageWarning> warnings, PriceTable prices, Func<SessionUsage, PriceTable, SessionCost> toSessionCost)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(toSessionCost);
        Sessions = sessions;
        Warnings = warnings;
        Prices = prices;
        _toSessionCost = toSessionCost;
    }

    /// <summary>Gets the sessions that made at least one model call, in the order they started; subagents are part of their parent.</summary>
    public IReadOnlyList<SessionUsage> Sessions { get; }

    /// <summary>Gets what could not be used, once per file.</summary>
    public IReadOnlyList<UsageWarning> Warnings { get; }

    /// <summary>Gets the prices in force: the built-in table with the user's overrides.</summary>
    public PriceTable Prices { get; }

    /// <summary>
    /// Reports the usage and cost of the sessions' model calls.
    /// </summary>
    /// <param name="query">Which calls to cover and how to group them; null covers all, by day.</param>
    /// <returns>The report.</returns>
    public UsageReport Report(UsageQuery? query = null) => UsageReport.Create(Sessions, Prices, query);

    /// <summary>
    /// Maps every session whose calls all have a price to the <see cref="SessionCost"/> that an import (<c>omk cost import kimi</c>)
    /// records: type <c>kimi</c>, id <c>kimi:&lt;session id&gt;</c>, the priced cost as both estimate and actual cost. A
    /// session with a call of a model without a price is left out (see <see cref="UnpricedSessions"/>): its cost is
    /// unknown, and neither a heuristic estimate nor a partial sum is recorded as what it cost. Once its models have a
    /// price, importing again records it.
    /// </summary>
    /// <returns>The sessions to record, in the order they started.</returns>
    public IReadOnlyList<SessionCost> ToSessionCosts() =>
        [.. Sessions.Where(session => session.Summarize(Prices).CostUsd.HasValue).Select(ToSessionCost)];

    /// <summary>Lists the sessions that <see cref="ToSessionCosts"/> leaves out for lack of a price, with what lacks one.</summary>
    /// <returns>The sessions, in the order they started.</returns>
    public IReadOnlyList<UnpricedSession> UnpricedSessions() =>
        [.. Sessions.Select(session => (session.SessionId, Summary: session.Summarize(Prices)))
            .Where(static pair => !pair.Summary.CostUsd.HasValue)
            .Select(static pair => new UnpricedSession(pair.SessionId, pair.Summary.Unpriced))];

    /// <summary>
    /// Maps one session (or part of one, such as its calls since a moment) to the <see cref="SessionCost"/> that
    /// <c>omk cost import kimi</c> records of it, priced with this result's prices; a title with control characters is
    /// made safe as the ledger's text rule says (<see cref="SessionText.MakeSafe"/>).
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The session to record.</returns>
    public SessionCost ToSessionCost(SessionUsage session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return SessionText.MakeSafe(_toSessionCost(session, Prices));
    }
}
