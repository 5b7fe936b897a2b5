using Omk.Cost.Application;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Hosting;

/// <summary>
/// What Kimi sessions spent so far, from Kimi's logs through the state folder's incremental index, for the status
/// line and for budgets: each session priced, under the id an import gives it in the ledger, with the session that an
/// import records of it.
/// </summary>
/// <param name="source">The usage port over Kimi's logs (<c>AddKimiUsage</c>).</param>
internal sealed class KimiLiveSpend(IUsageSource source) : ILiveSpendSource
{
    private UsageReading? _read;

    /// <inheritdoc/>
    public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken)
    {
        var kimi = Read(cancellationToken);
        IReadOnlyList<LiveSessionSpend> sessions = [.. kimi.Sessions.Where(session => session.EndedAt >= activeSince).Select(session =>
        {
            var summary = session.Summarize(kimi.Prices);
            var record = kimi.ToSessionCost(session);
            return new LiveSessionSpend(record.Id ?? session.SessionId, session.EndedAt, summary.PricedCostUsd)
            {
                StartedAt = session.StartedAt,
                SessionType = record.SessionType,
                Record = summary.CostUsd.HasValue ? record : null,
            };
        })];
        return Task.FromResult(sessions);
    }

    /// <inheritdoc/>
    public Task<decimal?> SessionSpentAsync(string sessionId, CancellationToken cancellationToken)
    {
        var kimi = Read(cancellationToken);
        var session = kimi.Sessions.FirstOrDefault(session => string.Equals(session.SessionId, sessionId, StringComparison.Ordinal));
        return Task.FromResult<decimal?>(session is null ? 0m : session.Summarize(kimi.Prices).PricedCostUsd);
    }

    /// <summary>
    /// Reads Kimi's logs once until <see cref="Forget"/>: every question of one command is answered from the same reading.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reading.</returns>
    public UsageReading Read(CancellationToken cancellationToken) => _read ??= source.Read(cancellationToken);

    /// <summary>Forgets the reading, so that the next question reads the logs again (a watch's next tick).</summary>
    public void Forget() => _read = null;
}
