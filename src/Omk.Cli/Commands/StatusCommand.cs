using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cli.Status;
using Omk.Cost.Application;
using Omk.Cost.Domain;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost status</c>: one line for a shell prompt, tmux or an editor. It reads the ledger without its lock (the
/// ledger is only ever replaced by an atomic rename, so a plain read sees a whole file) and Kimi's logs through the
/// incremental index, and never fails the prompt: on any error it prints <see cref="ErrorMarker"/> and exits 0,
/// unless <c>--strict</c>.
/// </summary>
internal static class StatusCommand
{
    /// <summary>What the line says when it cannot be computed.</summary>
    public const string ErrorMarker = "omk ?";

    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new StatusOptions();
        var command = CliCommand.Create(
            "status",
            "Print one line with today's and this month's spend, the budget, reservations and live Kimi sessions, for a shell prompt or tmux. Never blocks on the store's lock.",
            "omk cost status",
            "omk cost status --format '{today} today, {live} live'",
            "omk cost status --json",
            "[status_line] command = \"omk cost status\"   (Kimi Code's tui.toml)");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));
        return command;
    }

    /// <summary>
    /// The action: the status of the session the line is shown in (<c>--session</c>, else Kimi Code's document on
    /// standard input), then the line; any failure is <see cref="ErrorMarker"/> unless <c>--strict</c>.
    /// </summary>
    private static async Task<int> RunAsync(CliEnvironment environment, StatusOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var template = parseResult.GetValue(options.Format);
        try
        {
            if (template is not null)
            {
                ValidateFormat(template, parseResult.GetValue(options.Strict));
            }

            var sessionId = parseResult.GetValue(options.Session) ?? (parseResult.GetValue(options.NoInput) || environment.InputIsTerminal ? null : KimiStatusLine.SessionId(environment.ReadPendingInput(KimiStatusLine.Wait)));
            var (snapshot, age) = await ComputeAsync(environment, sessionId, cancellationToken).ConfigureAwait(false);
            WriteAnswer(environment, parseResult.GetValue(options.Json), template, snapshot, age);
            return ExitCodes.Success;
        }
#pragma warning disable CA1031 // A status line must never fail the prompt it is part of.
        catch (Exception exception) when (!parseResult.GetValue(options.Strict) && exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            WriteUnknown(environment, parseResult.GetValue(options.Json), exception);
            return ExitCodes.Success;
        }
    }

    /// <summary>Writes <see cref="ErrorMarker"/> (or the JSON document that says why), and with <c>OMK_DEBUG=1</c> the failure.</summary>
    private static void WriteUnknown(CliEnvironment environment, bool json, Exception exception)
    {
        if (json)
        {
            CliJson.Write(environment.Out, new StatusErrorDocument(ErrorMarker, exception.Message.ReplaceLineEndings(" ").Trim()), CliJsonContext.Default.StatusErrorDocument);
        }
        else
        {
            environment.Out.Write(ErrorMarker + "\n");
        }

        if (environment.Debug)
        {
            ErrorLine.Write(environment.Error, $"status: {environment.Scrub(exception.ToString())}");
        }
    }

    /// <summary>Writes the line (or the JSON document); the last good answer is marked with its age.</summary>
    private static void WriteAnswer(CliEnvironment environment, bool json, string? template, StatusSnapshot snapshot, TimeSpan? age)
    {
        if (json)
        {
            var document = StatusDocument.From(snapshot);
            CliJson.Write(environment.Out, age is { } old ? document with { Stale = true, AgeSeconds = (long)old.TotalSeconds } : document, CliJsonContext.Default.StatusDocument);
            return;
        }

        var line = template is null ? StatusTemplate.DefaultLine(snapshot, Figures.Usd) : StatusTemplate.Render(template, snapshot, Figures.Usd);
        environment.Out.Write((age is { } cached ? $"{line} (cached {Age(cached)} ago)" : line) + "\n");
    }

    /// <summary>Checks a <c>--format</c> template; with <c>--strict</c>, a wrong one is a wrong command line.</summary>
    private static void ValidateFormat(string template, bool strict)
    {
        try
        {
            StatusTemplate.Validate(template);
        }
        catch (FormatException exception) when (strict)
        {
            throw new CommandLineException("--format: " + exception.Message, exception);
        }
    }

    /// <summary>
    /// Computes the status. Against a team store the store has <see cref="TeamStoreDeadline"/> (or
    /// <c>$OMK_STATUS_TIMEOUT</c>) to answer; a good answer is kept (<see cref="StatusCache"/>), and when the store does
    /// not answer in time or cannot be reached, the last good answer of that store is given with its age.
    /// </summary>
    /// <returns>The snapshot, and its age when it is the last good answer rather than a fresh one.</returns>
    private static async Task<(StatusSnapshot Snapshot, TimeSpan? Age)> ComputeAsync(CliEnvironment environment, string? sessionId, CancellationToken cancellationToken)
    {
        var zone = TimeZoneOption.Resolve(environment);
        var state = CostServices.ResolveStateDirectory(environment);
        var store = environment.Globals.Store;
        using var services = CostServices.Create(environment);
        var status = new StatusUseCase(services.Budgets, environment.TimeProvider, services.KimiSpend);
        if (store is null)
        {
            return (await status.GetAsync(zone, sessionId, cancellationToken).ConfigureAwait(false), null);
        }

        var cache = new StatusCache(environment, state);
        var deadline = Deadline(environment);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            // WaitAsync as well: a step that does not watch the token still cannot hold the prompt.
            var snapshot = await status.GetAsync(zone, sessionId, timeout.Token).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
            cache.Save(services.Location, snapshot);
            return (snapshot, null);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is TimeoutException or OperationCanceledException or CostStoreUnavailableException)
        {
            if (cache.Load(services.Location, zone) is { } last)
            {
                var age = environment.TimeProvider.GetUtcNow() - last.SavedAt;
                return (last.Snapshot, age < TimeSpan.Zero ? TimeSpan.Zero : age);
            }

            throw exception is CostStoreUnavailableException
                ? exception
                : new CostStoreUnavailableException($"the team store {services.Location} did not answer within {Age(deadline)}", exception);
        }
    }

    /// <summary>How long <c>status</c> waits for a team store before it shows the last good answer.</summary>
    public static readonly TimeSpan TeamStoreDeadline = TimeSpan.FromSeconds(1);

    private static TimeSpan Deadline(CliEnvironment environment) =>
        environment.GetVariable(EnvironmentVariables.StatusTimeout) is { Length: > 0 } text && Arguments.Duration.TryParse(text, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : TeamStoreDeadline;

    /// <summary>Says an age in its largest whole unit: <c>45s</c>, <c>3m</c>, <c>2h</c>, <c>4d</c>.</summary>
    private static string Age(TimeSpan age) => age.TotalSeconds switch
    {
        < 60 => $"{(long)age.TotalSeconds}s",
        < 3600 => $"{(long)age.TotalMinutes}m",
        < 86400 => $"{(long)age.TotalHours}h",
        _ => $"{(long)age.TotalDays}d",
    };
}
