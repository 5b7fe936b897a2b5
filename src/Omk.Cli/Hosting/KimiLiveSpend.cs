using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application;

namespace Omk.Cli.Hosting;

/// <summary>
/// What Kimi sessions spent so far, from Kimi's logs through the state folder's incremental index, for the status
/// line and for budgets: each session priced, under the id an import gives it in the ledger, with the session that an
/// import records of it.
/// </summary>
/// <param name="environment">The command's environment.</param>
/// <param name="stateDirectory">The state folder (its <c>prices.json</c> and <c>kimi-index/</c>).</param>
/// <param name="includeTitles">
/// Whether to read the sessions' titles, which an import records as their names: for a store that budgets import into,
/// so that what they import is what <c>omk cost import kimi</c> does.
/// </param>
internal sealed class KimiLiveSpend(CliEnvironment environment, string stateDirectory, bool includeTitles = false) : ILiveSpendSource
{
    private KimiUsageResult? _read;

    /// <inheritdoc/>
    public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken)
    {
        var kimi = Read(cancellationToken);
        IReadOnlyList<LiveSessionSpend> sessions = [.. kimi.Sessions.Where(session => session.EndedAt >= activeSince).Select(session =>
        {
            var summary = session.Summarize(kimi.Prices);
            var record = kimi.ToSessionCost(session);
            return new LiveSessionSpend(KimiUsageResult.SessionCostId(session.SessionId), session.EndedAt, summary.PricedCostUsd)
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
    public KimiUsageResult Read(CancellationToken cancellationToken)
    {
        if (_read is null)
        {
            var options = KimiReading.Options(environment, stateDirectory, model: null, pricesFile: null, useIndex: true);
            options.IncludeTitles = includeTitles;
            _read = KimiReading.Read(environment, options, printWarnings: false, cancellationToken);
        }

        return _read;
    }

    /// <summary>Forgets the reading, so that the next question reads the logs again (a watch's next tick).</summary>
    public void Forget() => _read = null;
}
