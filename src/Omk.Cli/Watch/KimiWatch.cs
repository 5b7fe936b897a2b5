using System.Globalization;
using System.Text;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Watch;

/// <summary>
/// The loop of <c>omk cost watch kimi</c>: reads Kimi's logs at every change or poll (through the incremental index,
/// so that each read parses only what the logs gained), follows the chosen sessions, shows their meters, and stops
/// when what they spent reaches the limit.
/// </summary>
internal sealed class KimiWatch
{
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionMeter> _shown = new(StringComparer.Ordinal);
    private int _drawnLines;
    private decimal? _limit;
    private bool _toldWaiting;

    /// <summary>Gets the read of Kimi's logs.</summary>
    public required Func<CancellationToken, UsageReading> Read { get; init; }

    /// <summary>Gets the wait for the next change or poll.</summary>
    public required Func<CancellationToken, Task> WaitForChange { get; init; }

    /// <summary>Gets the clock.</summary>
    public required TimeProvider TimeProvider { get; init; }

    /// <summary>Gets the time zone whose wall time the display shows (the <c>--tz</c> zone).</summary>
    /// <value>The default value is <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Gets the output of the display or of the JSON lines.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Gets the output of the messages.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Gets which sessions to follow.</summary>
    public required WatchTarget Target { get; init; }

    /// <summary>Gets the session to follow for <see cref="WatchTarget.Session"/>.</summary>
    public string? SessionId { get; init; }

    /// <summary>Gets the function that tells whether Kimi's logs hold a folder for a session id, calls or not.</summary>
    /// <value>The default value says every session exists.</value>
    public Func<string, bool> SessionExists { get; init; } = static _ => true;

    /// <summary>Gets the folders of Kimi's logs, as said to a person.</summary>
    /// <value>The default value is <c>Kimi's logs</c>.</value>
    public string Logs { get; init; } = "Kimi's logs";

    /// <summary>Gets the limit in US dollars, or null for none.</summary>
    public decimal? LimitUsd { get; init; }

    /// <summary>
    /// Gets the read of what the budgets the watch stops at leave (limit − spent − reserved, the least of them), at
    /// each reading; null when it stops at <see cref="LimitUsd"/> alone.
    /// </summary>
    public Func<CancellationToken, Task<decimal>>? BudgetLeft { get; init; }

    /// <summary>
    /// Gets a value indicating whether the budgets already count what the followed sessions spent (they count Kimi's
    /// spend): the watch then stops when they leave nothing, at what the sessions spent plus what the budgets leave.
    /// </summary>
    public bool BudgetCountsSessions { get; init; }

    /// <summary>Gets the shell command to run once when the limit is reached, or null.</summary>
    public string? OnExceed { get; init; }

    /// <summary>Gets a value indicating whether to print JSON lines rather than redraw a display.</summary>
    public required bool Json { get; init; }

    /// <summary>Runs the watch until the limit is reached or it is cancelled.</summary>
    /// <param name="cancellationToken">Cancelled by Ctrl-C.</param>
    /// <returns>3 when the limit was reached, 130 when interrupted.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = Read(cancellationToken);
                var now = TimeProvider.GetUtcNow();
                var meters = Follow(result, now).Select(session => SessionMeter.Of(session, result.Prices, now)).ToList();
                var total = meters.Sum(static meter => meter.SpentUsd);
                _limit = BudgetLeft is null ? LimitUsd : Math.Min(LimitUsd ?? decimal.MaxValue, await BudgetLimitAsync(total, cancellationToken).ConfigureAwait(false));
                Show(meters, now);
                if (_limit is { } limit && meters.Count > 0 && total >= limit)
                {
                    await ExceedAsync(meters, total, limit, now, cancellationToken).ConfigureAwait(false);
                    return ExitCodes.BudgetExceeded;
                }

                await WaitForChange(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Stop();
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>What the followed sessions may spend in all under the budgets: what they leave, plus what the sessions spent when the budgets count it.</summary>
    private async Task<decimal> BudgetLimitAsync(decimal followedUsd, CancellationToken cancellationToken)
    {
        var left = await BudgetLeft!(cancellationToken).ConfigureAwait(false);
        return BudgetCountsSessions ? (left > decimal.MaxValue - followedUsd ? decimal.MaxValue : left + followedUsd) : left;
    }

    private List<SessionUsage> Follow(UsageReading result, DateTimeOffset now)
    {
        Choose(result, now);
        var followed = result.Sessions.Where(session => _followed.Contains(session.SessionId)).ToList();
        if (followed.Count == 0 && !_toldWaiting)
        {
            _toldWaiting = true;
            ErrorLine.Write(Error, Target switch
            {
                WatchTarget.Session when !SessionExists(SessionId!) => $"there is no Kimi session {SessionId} in {Logs}; waiting for it to start",
                WatchTarget.Session => $"waiting for Kimi session {SessionId} to make a model call",
                WatchTarget.AllActive => "no Kimi session active in the last 15 minutes; waiting for one",
                _ => "no Kimi session yet; waiting for one",
            });
        }

        return followed;
    }

    /// <summary>Adds the sessions the target chooses in this reading to those followed.</summary>
    private void Choose(UsageReading result, DateTimeOffset now)
    {
        switch (Target)
        {
            case WatchTarget.Session:
                _followed.Add(SessionId!);
                break;
            case WatchTarget.Latest:
                // The session active most recently as of this reading; a log dated after now is never the latest.
                if (result.Sessions.Where(session => session.EndedAt <= now).MaxBy(static session => session.EndedAt) is { } latest
                    && !_followed.Contains(latest.SessionId))
                {
                    _followed.Clear();
                    _followed.Add(latest.SessionId);
                    ErrorLine.Write(Error, $"following Kimi session {VisibleText.Escape(latest.SessionId)}{(latest.Project is { } project ? " (" + VisibleText.Escape(project) + ")" : string.Empty)}");
                    Error.Flush();
                    _drawnLines = 0;
                }

                break;
            case WatchTarget.AllActive:
                _followed.UnionWith(result.Sessions.Where(session => session.EndedAt >= now - StatusUseCase.LiveWindow).Select(static session => session.SessionId));
                break;
        }
    }

    private void Show(List<SessionMeter> meters, DateTimeOffset now)
    {
        var total = meters.Sum(static meter => meter.SpentUsd);
        if (Json)
        {
            ShowJson(meters, total, now);
            return;
        }

        foreach (var meter in meters)
        {
            _shown[meter.SessionId] = meter;
        }

        var block = new StringBuilder();
        if (_drawnLines > 0)
        {
            // Back to the start of the block drawn last, and clear it.
            block.Append(CultureInfo.InvariantCulture, $"\u001b[{_drawnLines}F\u001b[J");
        }

        var lines = Display(meters, total, now);
        foreach (var line in lines)
        {
            block.Append(line).Append('\n');
        }

        _drawnLines = lines.Count;
        Out.Write(block.ToString());
        Out.Flush();
    }

    /// <summary>Writes one JSON line for each followed session whose calls or tokens changed since it was last written.</summary>
    private void ShowJson(List<SessionMeter> meters, decimal total, DateTimeOffset now)
    {
        foreach (var meter in meters)
        {
            if (_shown.TryGetValue(meter.SessionId, out var before) && before.Calls == meter.Calls && before.Usage == meter.Usage)
            {
                continue;
            }

            _shown[meter.SessionId] = meter;
            WriteLine(WatchEventDocument.From("reading", now, TimeZone, meter, total, _limit));
        }

        Out.Flush();
    }

    private List<string> Display(List<SessionMeter> meters, decimal total, DateTimeOffset now)
    {
        var lines = new List<string>();
        var limit = _limit is { } l ? string.Create(CultureInfo.InvariantCulture, $" of {Figures.Usd(l)} ({(l > 0m ? Math.Floor(total * 100m / l) : 100m)}%)") : string.Empty;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"omk watch kimi · {TimeZoneInfo.ConvertTime(now, TimeZone):HH:mm:ss} · {Figures.Counted(meters.Count, "session")} · spent {(_limit is { } shownBeside ? Figures.UsdBeside(total, shownBeside) : Figures.Usd(total))}{limit}"));
        foreach (var meter in meters)
        {
            var unknown = meter.CostKnown ? string.Empty : " (some models have no price)";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {VisibleText.Escape(meter.SessionId)}{(meter.Project is { } project ? "  " + VisibleText.Escape(project) : string.Empty)}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    spent {Figures.Usd(meter.SpentUsd)}{unknown} in {Figures.Counted(meter.Calls, "call")}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    tokens: input {meter.Usage.InputOther:N0} · cache read {meter.Usage.CacheRead:N0} · cache write {meter.Usage.CacheCreation:N0} · output {meter.Usage.Output:N0}"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"    burn {Figures.Usd(meter.BurnUsdPerHour)}/h over the last 10 min · next hour ~{Figures.Usd(meter.ProjectedNextHourUsd)}"));
        }

        return lines;
    }

    private async Task ExceedAsync(List<SessionMeter> meters, decimal total, decimal limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The session to name is the one that spent last: the one whose call crossed the limit.
        var crossing = meters[^1];
        var ids = string.Join(",", meters.Select(static meter => meter.SessionId));
        var shownIds = VisibleText.Escape(ids);
        var invariant = CultureInfo.InvariantCulture;
        ErrorLine.Write(Error, $"limit exceeded: Kimi session {shownIds} spent {Figures.UsdBeside(total, limit)} of {Figures.Usd(limit)}");
        int? status = null;
        if (OnExceed is { } command)
        {
            try
            {
                status = await ExceedCommand.RunAsync(command, ids, total, limit, cancellationToken).ConfigureAwait(false);
                ErrorLine.Write(Error, string.Create(invariant, $"--on-exceed exited with status {status}"));
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                ErrorLine.Write(Error, $"--on-exceed could not be run: {exception.Message}");
            }
        }

        if (Json)
        {
            WriteLine(WatchEventDocument.From("limit_exceeded", now, TimeZone, crossing, total, limit, status) with { SessionId = ids });
            Out.Flush();
        }
        else
        {
            Out.Write(string.Create(invariant, $"LIMIT REACHED: spent {Figures.UsdBeside(total, limit)} of {Figures.Usd(limit)} (Kimi session {shownIds})\n"));
            Out.Flush();
        }
    }

    private void Stop()
    {
        var now = TimeProvider.GetUtcNow();
        var total = _shown.Values.Sum(static meter => meter.SpentUsd);
        foreach (var meter in _shown.Values)
        {
            if (Json)
            {
                WriteLine(WatchEventDocument.From("stopped", now, TimeZone, meter, total, _limit));
            }
        }

        if (!Json)
        {
            Out.Write(string.Create(CultureInfo.InvariantCulture, $"watch stopped: {_shown.Count} session{(_shown.Count == 1 ? string.Empty : "s")} spent {Figures.Usd(total)}\n"));
        }

        Out.Flush();
    }

    private void WriteLine(WatchEventDocument document) => CliJson.WriteLine(Out, document, WatchJsonContext.Default.WatchEventDocument);
}
