using System.CommandLine;
using System.Runtime.InteropServices;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost watch kimi</c>: follows live Kimi sessions as their logs grow, shows what they spend, and stops at a
/// limit: it prints a clear line, runs <c>--on-exceed</c> once, and exits with 3. Ctrl-C exits with 130 after a summary.
/// </summary>
internal static class WatchCommand
{
    /// <summary>The poll interval when none is given.</summary>
    public const ulong DefaultIntervalSeconds = 2;

    /// <summary>Creates <c>omk cost watch</c> with its <c>kimi</c> subcommand.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var session = new Option<string>("--session") { Description = "Follow this session (its folder's name).", HelpName = "ID" };
        var latest = new Option<bool>("--latest") { Description = "Follow the session active most recently as of each reading, switching when another one spends later (the default); a log dated in the future is never the latest." };
        var allActive = new Option<bool>("--all-active") { Description = "Follow every session active in the last 15 minutes, and those that start later." };
        var limit = CliOptions.Dollars("--limit", "Stop when the followed sessions have spent this many US dollars: print a line, run --on-exceed, exit with 3.");
        var intervalOption = CliOptions.Duration("--interval", "How often to read the logs when no change notification comes.", "2s");
        var onExceed = new Option<string>("--on-exceed")
        {
            Description = $"A command to run once (with /bin/sh -c) when the limit is reached, with {ExceedCommand.SessionVariable}, {ExceedCommand.SpentVariable} and {ExceedCommand.LimitVariable} set.",
            HelpName = "CMD",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON line per change instead of a display (the default off a terminal)." };
        var budgets = new Option<string[]>("--budget")
        {
            Description = "Stop when the followed sessions have spent what this budget leaves (limit − spent − reserved, read at each reading); repeat for more. "
                + "Default: every budget that applies to Kimi runs (no type, or type kimi), when there is one.",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
        };

        var kimi = CliCommand.Create(
            "kimi",
            "Follow live Kimi sessions as their logs grow: spend, calls, tokens, burn rate. Stops at --limit or what a --budget leaves with exit code 3.",
            "omk cost watch kimi",
            "kimi --print -p 'PROMPT' & omk cost watch kimi --limit 5 --on-exceed \"kill -INT $!\"",
            "omk cost watch kimi --all-active --json",
            "omk cost watch kimi --budget monthly");
        foreach (var option in new Option[] { session, latest, allActive, limit, budgets, intervalOption, onExceed, json })
        {
            kimi.Options.Add(option);
        }

        kimi.SetAction(async (parseResult, cancellationToken) =>
        {
            var chosen = new[] { parseResult.IsGiven(session), parseResult.GetValue(latest), parseResult.GetValue(allActive) }.Count(static given => given);
            if (chosen > 1)
            {
                throw new CommandLineException("--session, --latest and --all-active exclude each other: give one");
            }

            var budgetNames = parseResult.GetValue(budgets) ?? [];

            var seconds = parseResult.IsGiven(intervalOption) ? parseResult.GetValue(intervalOption) : DefaultIntervalSeconds;
            if (seconds == 0)
            {
                throw new CommandLineException("--interval must be at least 1s");
            }

            var state = CostServices.ResolveStateDirectory(environment, parseResult.GetValue(stateDirectory));
            var options = KimiReading.Options(environment, state, model: null, pricesFile: null, useIndex: true);
            options.IncludeTitles = false;
            var roots = new[] { options.KimiCliRoot, options.KimiCodeRoot, options.KimiWorkRoot }.OfType<string>();
            using var signal = new LogChangeSignal(environment.FileSystem, roots, environment.TimeProvider);
            var pollInterval = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            if (budgetNames.Length > 0)
            {
                // A budget that does not exist is said before the watch starts.
                await services.Budgets.PeekAsync(budgetNames, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                budgetNames = await DefaultBudgetsAsync(services, environment, cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.IsGiven(onExceed) && !parseResult.IsGiven(limit) && budgetNames.Length == 0)
            {
                throw new CommandLineException("--on-exceed needs --limit or --budget (no budget applies to Kimi runs)");
            }
            var watch = new KimiWatch
            {
                Read = Reader(environment, options, services.KimiSpend),
                WaitForChange = token => signal.WaitAsync(pollInterval, token),
                TimeProvider = environment.TimeProvider,
                TimeZone = TimeZoneOption.Resolve(parseResult, environment),
                Out = environment.Out,
                Error = environment.Error,
                Target = parseResult.IsGiven(session) ? WatchTarget.Session : parseResult.GetValue(allActive) ? WatchTarget.AllActive : WatchTarget.Latest,
                SessionId = parseResult.GetValue(session),
                SessionExists = id => roots.Any(root => SessionFolderExists(environment.FileSystem, root, id)),
                Logs = string.Join(" and ", roots),
                LimitUsd = parseResult.IsGiven(limit) ? parseResult.GetValue(limit) : null,
                BudgetLeft = budgetNames.Length == 0 ? null : async token => Left(await services.Budgets.PeekAsync(budgetNames, token).ConfigureAwait(false), services.KimiSpend is not null),
                BudgetCountsSessions = services.KimiSpend is not null,
                OnExceed = parseResult.GetValue(onExceed),
                Json = parseResult.GetValue(json) || !environment.OutputIsTerminal,
            };
            // Ctrl-C ends the watch through its token, so that it can print its summary before exiting with 130.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            return await watch.RunAsync(stop.Token).ConfigureAwait(false);
        });

        var watchCommand = CliCommand.Create("watch", "Follow live agent sessions and stop them at a limit.");
        watchCommand.Subcommands.Add(kimi);
        return watchCommand;
    }

    /// <summary>
    /// Gets the budgets a Kimi run counts against (those with no type or type <c>kimi</c>), said on stderr when there
    /// are any; none, with a warning, when the store cannot be read (the watch still follows the spend).
    /// </summary>
    private static async Task<string[]> DefaultBudgetsAsync(CostServices services, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var names = (await services.Budgets.ListBudgetsAsync(cancellationToken).ConfigureAwait(false))
                .Where(static budget => BudgetRules.CoversRun(budget, RunRequest.DefaultSessionType))
                .Select(static budget => budget.Name)
                .ToArray();
            if (names.Length > 0)
            {
                environment.Error.Write($"omk: the watch stops at what {(names.Length == 1 ? "budget" : "budgets")} {string.Join(", ", names.Select(VisibleText.Escape))} {(names.Length == 1 ? "leaves" : "leave")} (they apply to Kimi runs; --budget chooses others)\n");
            }

            return names;
        }
        catch (CostStoreException exception)
        {
            environment.Error.Write($"omk: warning: the budgets cannot be read, so the watch stops only at --limit: {environment.Scrub(exception.Message)}\n");
            return [];
        }
    }

    /// <summary>
    /// Reads Kimi's logs once a tick: through the budgets' own reading when they count Kimi's spend (one reading shared
    /// by the watch and the budgets), else on its own.
    /// </summary>
    private static Func<CancellationToken, KimiUsageResult> Reader(CliEnvironment environment, KimiUsageOptions options, KimiLiveSpend? kimiSpend) =>
        kimiSpend is null
            ? token => KimiReading.Read(environment, options, printWarnings: false, token)
            : token =>
            {
                kimiSpend.Forget();
                return kimiSpend.Read(token);
            };

    /// <summary>
    /// What the budgets leave, the least of them: when they count the followed sessions' spend, limit − spent − reserved
    /// as it is, below zero once over (the watch adds the sessions' spend back); else never below zero.
    /// </summary>
    private static decimal Left(IReadOnlyList<BudgetStanding> standings, bool countsSessions) =>
        standings.Min(standing => countsSessions ? standing.LimitUsd - standing.CommittedUsd : standing.RemainingUsd);

    /// <summary>
    /// Tells whether a Kimi home holds a session's folder, <c>sessions/&lt;project&gt;/&lt;id&gt;/</c>, whether or not it has
    /// logged a call yet.
    /// </summary>
    internal static bool SessionFolderExists(System.IO.Abstractions.IFileSystem fileSystem, string root, string id)
    {
        var sessions = fileSystem.Path.Combine(root, "sessions");
        if (id.Length == 0 || id.AsSpan().IndexOfAny(['/', '\\']) >= 0 || id is "." or ".." || !fileSystem.Directory.Exists(sessions))
        {
            return false;
        }

        try
        {
            return fileSystem.Directory.EnumerateDirectories(sessions).Any(project => fileSystem.Directory.Exists(fileSystem.Path.Combine(project, id)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
