using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Watch;

/// <summary>
/// Meters the Kimi CLI and Kimi Code sessions a supervised command writes, through the same incremental read of Kimi's
/// logs as <c>omk cost watch kimi</c>: the sessions of the command's working folder (as Kimi logs it, the folder's
/// canonical path), with their subagents, counting only the calls logged since the command started; of a session the
/// command resumed, what its calls before cost is read beside them (<see cref="MeteredSession.EarlierUsd"/>), and the
/// whole session as an import records it (<see cref="MeteredSession.Whole"/>).
/// </summary>
internal sealed class KimiRunMeter : IRunMeter
{
    private readonly Func<CancellationToken, UsageReading> _read;
    private readonly Func<CancellationToken, Task> _waitForChange;

    /// <summary>Initializes a new instance of the <see cref="KimiRunMeter"/> class.</summary>
    /// <param name="read">The read of Kimi's logs (through the incremental index).</param>
    /// <param name="waitForChange">The wait for the next change or poll.</param>
    public KimiRunMeter(Func<CancellationToken, UsageReading> read, Func<CancellationToken, Task> waitForChange)
    {
        _read = read;
        _waitForChange = waitForChange;
    }

    /// <inheritdoc/>
    public ValueTask<RunSpend> ReadAsync(RunScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var result = _read(cancellationToken);
        var folders = Folders(scope.WorkingDirectory);
        var sessions = new List<MeteredSession>();
        foreach (var session in result.Sessions.OrderBy(static session => session.StartedAt))
        {
            if (session.Project is not { } project || !folders.Contains(Trimmed(project)))
            {
                continue;
            }

            var calls = session.Calls.Where(call => call.Timestamp >= scope.StartedAt).OrderBy(static call => call.Timestamp).ToList();
            if (calls.Count == 0)
            {
                continue;
            }

            var part = session with { Calls = calls, StartedAt = calls[0].Timestamp, EndedAt = calls[^1].Timestamp };
            var summary = part.Summarize(result.Prices);
            var resumed = calls.Count < session.Calls.Count;
            sessions.Add(new MeteredSession
            {
                SessionId = session.SessionId,
                Calls = [.. calls.Select(call => new MeteredCall(call.Timestamp, CostOf(call, result.Prices)))],
                SpentUsd = summary.PricedCostUsd,
                EarlierUsd = session.Calls.Where(call => call.Timestamp < scope.StartedAt).Sum(call => CostOf(call, result.Prices)),
                Resumed = resumed,
                CostKnown = summary.CostUsd.HasValue,
                Record = result.ToSessionCost(part),
                Whole = resumed && session.Summarize(result.Prices).CostUsd.HasValue ? result.ToSessionCost(session) : null,
            });
        }

        return ValueTask.FromResult(new RunSpend(sessions));
    }

    /// <inheritdoc/>
    public Task WaitForChangeAsync(CancellationToken cancellationToken) => _waitForChange(cancellationToken);

    private static decimal CostOf(UsageCall call, PriceTable prices) =>
        prices.Price(call.Model, call.Timestamp, call.Usage) ?? 0m;

    /// <summary>
    /// The working folder as given and as the file system resolves it (Kimi logs the canonical path), and the name of
    /// Kimi CLI's session folder of each: a session <c>kimi.json</c> does not map has that name as its project.
    /// </summary>
    private static HashSet<string> Folders(string workingDirectory)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { Trimmed(Path.GetFullPath(workingDirectory)) };
        try
        {
            if (new DirectoryInfo(workingDirectory).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                folders.Add(Trimmed(target.FullName));
            }
        }
        catch (IOException)
        {
            // Not a link, or unreadable: the path as given is the one.
        }

        foreach (var folder in folders.ToList())
        {
            folders.Add(KimiUsageReader.KimiCliFolderName(folder));
        }

        return folders;
    }

    private static string Trimmed(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}
