using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application;

namespace Omk.Cli.Hosting;

/// <summary>
/// What Kimi sessions spent so far, from Kimi's logs through the state folder's incremental index, for the status
/// line: each session priced, under the id an import gives it in the ledger.
/// </summary>
/// <param name="environment">The command's environment.</param>
/// <param name="stateDirectory">The state folder (its <c>prices.json</c> and <c>kimi-index/</c>).</param>
internal sealed class KimiLiveSpend(CliEnvironment environment, string stateDirectory) : ILiveSpendSource
{
    private KimiUsageResult? _read;

    /// <inheritdoc/>
    public Task<IReadOnlyList<LiveSessionSpend>> ReadAsync(DateTimeOffset activeSince, CancellationToken cancellationToken)
    {
        var kimi = Read(cancellationToken);
        IReadOnlyList<LiveSessionSpend> sessions = [.. kimi.Sessions.Where(session => session.EndedAt >= activeSince).Select(session => new LiveSessionSpend(
            KimiUsageResult.SessionCostId(session.SessionId),
            session.EndedAt,
            session.Summarize(kimi.Prices).PricedCostUsd))];
        return Task.FromResult(sessions);
    }

    /// <inheritdoc/>
    public Task<decimal?> SessionSpentAsync(string sessionId, CancellationToken cancellationToken)
    {
        var kimi = Read(cancellationToken);
        var session = kimi.Sessions.FirstOrDefault(session => string.Equals(session.SessionId, sessionId, StringComparison.Ordinal));
        return Task.FromResult<decimal?>(session is null ? 0m : session.Summarize(kimi.Prices).PricedCostUsd);
    }

    /// <summary>Reads Kimi's logs once for the command; a second question is answered from the same reading.</summary>
    private KimiUsageResult Read(CancellationToken cancellationToken)
    {
        if (_read is null)
        {
            var options = KimiReading.Options(environment, stateDirectory, model: null, pricesFile: null, useIndex: true);
            options.IncludeTitles = false;
            _read = KimiReading.Read(environment, options, printWarnings: false, cancellationToken);
        }

        return _read;
    }
}
