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
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var json = CliOptions.Json("the status");
        var format = new Option<string>("--format")
        {
            Description = "A template for the line: "
                + string.Join(", ", StatusTemplate.Placeholders.Select(static p => "{" + p.Name + "} " + p.Meaning))
                + "; {{ and }} write a brace.",
            HelpName = "TEMPLATE",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = $"Fail with an error and exit code 1 (2 for a wrong template) instead of printing '{ErrorMarker}' and exiting with 0 (--json says why in its \"error\").",
        };

        var session = new Option<string>("--session")
        {
            Description = "Show what this Kimi session spent at the start of the line. Inside Kimi Code's status line the session comes from the JSON document on standard input.",
            HelpName = "ID",
        };
        var noInput = new Option<bool>("--no-input")
        {
            Description = "Do not read Kimi Code's status-line document from standard input (read only when it is not a terminal, and never waited for).",
        };

        var command = KimiSpendOption.AddTo(CliCommand.Create(
            "status",
            "Print one line with today's and this month's spend, the budget, reservations and live Kimi sessions, for a shell prompt or tmux. Never blocks on the store's lock.",
            "omk cost status",
            "omk cost status --format '{today} today, {live} live'",
            "omk cost status --json",
            "[status_line] command = \"omk cost status\"   (Kimi Code's tui.toml)"));
        command.Options.Add(session);
        command.Options.Add(noInput);
        command.Options.Add(json);
        command.Options.Add(format);
        command.Options.Add(strict);

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var template = parseResult.GetValue(format);
            try
            {
                if (template is not null)
                {
                    ValidateFormat(template, parseResult.GetValue(strict));
                }

                var sessionId = parseResult.GetValue(session) ?? (parseResult.GetValue(noInput) || environment.InputIsTerminal ? null : KimiStatusLine.SessionId(environment.ReadPendingInput(KimiStatusLine.Wait)));
                var (snapshot, age) = await ComputeAsync(environment, parseResult, parseResult.GetValue(stateDirectory), sessionId, cancellationToken).ConfigureAwait(false);
                WriteAnswer(environment, parseResult.GetValue(json), template, snapshot, age);

                return ExitCodes.Success;
            }
#pragma warning disable CA1031 // A status line must never fail the prompt it is part of.
            catch (Exception exception) when (!parseResult.GetValue(strict) && exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, new StatusErrorDocument(ErrorMarker, exception.Message.ReplaceLineEndings(" ").Trim()), CliJsonContext.Default.StatusErrorDocument);
                }
                else
                {
                    environment.Out.Write(ErrorMarker + "\n");
                }

                if (environment.Debug)
                {
                    environment.Error.Write($"omk: status: {environment.Scrub(exception.ToString())}\n");
                }

                return ExitCodes.Success;
            }
        });
        return command;
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
    private static async Task<(StatusSnapshot Snapshot, TimeSpan? Age)> ComputeAsync(CliEnvironment environment, ParseResult parseResult, string? stateDirectory, string? sessionId, CancellationToken cancellationToken)
    {
        var zone = TimeZoneOption.Resolve(parseResult, environment);
        var state = CostServices.ResolveStateDirectory(environment, stateDirectory);
        var store = StoreOption.Resolve(parseResult, environment);
        using var services = CostServices.Create(environment, stateDirectory, store, KimiSpendOption.Counts(parseResult));
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

    /// <summary>The environment variable that changes <see cref="TeamStoreDeadline"/> (a duration: <c>2</c>, <c>2s</c>).</summary>
    public const string DeadlineVariable = "OMK_STATUS_TIMEOUT";

    private static TimeSpan Deadline(CliEnvironment environment) =>
        environment.GetVariable(DeadlineVariable) is { Length: > 0 } text && Arguments.Duration.TryParse(text, out var seconds) && seconds is > 0 and <= 3600
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
