using System.CommandLine;
using System.Runtime.InteropServices;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost watch kimi</c>: follows live Kimi sessions as their logs grow, shows what they spend, and stops at a
/// limit: it prints a clear line, runs <c>--on-exceed</c> once, and exits with 3. Ctrl-C exits with 130 after a summary.
/// </summary>
internal static class WatchCommand
{
    /// <summary>Creates <c>omk cost watch</c> with its <c>kimi</c> subcommand.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new WatchOptions();
        var kimi = CliCommand.Create(
            "kimi",
            "Follow live Kimi sessions as their logs grow: spend, calls, tokens, burn rate. Stops at --limit or what a --budget leaves with exit code 3.",
            "omk cost watch kimi",
            "kimi --print -p 'PROMPT' & omk cost watch kimi --limit 5 --on-exceed \"kill -INT $!\"",
            "omk cost watch kimi --all-active --json",
            "omk cost watch kimi --budget monthly");
        options.AddTo(kimi);
        kimi.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));

        var watchCommand = CliCommand.Create("watch", "Follow live agent sessions and stop them at a limit.");
        watchCommand.Subcommands.Add(kimi);
        return watchCommand;
    }

    /// <summary>
    /// The action: the watch over Kimi's logs (read on each change, or at the interval), stopping at the limit and at
    /// what the budgets leave.
    /// </summary>
    private static async Task<int> RunAsync(CliEnvironment environment, WatchOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var target = options.Target(parseResult);
        var pollInterval = options.PollInterval(parseResult);
        var reading = KimiReading.Options(environment, CostServices.ResolveStateDirectory(environment), model: null, pricesFile: null, useIndex: true);
        reading.IncludeTitles = false;
        var roots = new[] { reading.KimiCliRoot, reading.KimiCodeRoot, reading.KimiWorkRoot }.OfType<string>();
        using var signal = new LogChangeSignal(environment.FileSystem, roots, environment.TimeProvider);
        using var services = CostServices.Create(environment);
        var budgetNames = await BudgetsAsync(services, environment, parseResult.GetValue(options.Budgets) ?? [], cancellationToken).ConfigureAwait(false);
        if (parseResult.IsGiven(options.OnExceed) && !parseResult.IsGiven(options.Limit) && budgetNames.Length == 0)
        {
            throw new CommandLineException("--on-exceed needs --limit or --budget (no budget applies to Kimi runs)");
        }

        var watch = new KimiWatch
        {
            Read = Reader(environment, reading, services.KimiSpend),
            WaitForChange = token => signal.WaitAsync(pollInterval, token),
            TimeProvider = environment.TimeProvider,
            TimeZone = TimeZoneOption.Resolve(environment),
            Out = environment.Out,
            Error = environment.Error,
            Target = target,
            SessionId = parseResult.GetValue(options.Session),
            SessionExists = id => roots.Any(root => SessionFolderExists(environment.FileSystem, root, id)),
            Logs = string.Join(" and ", roots),
            LimitUsd = parseResult.IsGiven(options.Limit) ? parseResult.GetValue(options.Limit) : null,
            BudgetLeft = budgetNames.Length == 0 ? null : async token => Left(await services.Budgets.PeekAsync(budgetNames, token).ConfigureAwait(false), services.KimiSpend is not null),
            BudgetCountsSessions = services.KimiSpend is not null,
            OnExceed = parseResult.GetValue(options.OnExceed),
            Json = parseResult.GetValue(options.Json) || !environment.OutputIsTerminal,
        };
        return await FollowAsync(watch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the watch; Ctrl-C ends it through its token, so that it can print its summary before exiting with 130.</summary>
    private static async Task<int> FollowAsync(KimiWatch watch, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        return await watch.RunAsync(stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets the budgets the watch stops at: those given, checked before the watch starts (a budget that does not
    /// exist is said then), else those that apply to Kimi runs.
    /// </summary>
    private static async Task<string[]> BudgetsAsync(CostServices services, CliEnvironment environment, string[] given, CancellationToken cancellationToken)
    {
        if (given.Length == 0)
        {
            return await DefaultBudgetsAsync(services, environment, cancellationToken).ConfigureAwait(false);
        }

        await services.Budgets.PeekAsync(given, cancellationToken).ConfigureAwait(false);
        return given;
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
                ErrorLine.Write(environment.Error, $"the watch stops at what {(names.Length == 1 ? "budget" : "budgets")} {string.Join(", ", names.Select(VisibleText.Escape))} {(names.Length == 1 ? "leaves" : "leave")} (they apply to Kimi runs; --budget chooses others)");
            }

            return names;
        }
        catch (CostStoreException exception)
        {
            ErrorLine.Warn(environment.Error, $"the budgets cannot be read, so the watch stops only at --limit: {environment.Scrub(exception.Message)}");
            return [];
        }
    }

    /// <summary>
    /// Reads Kimi's logs once a tick: through the budgets' own reading when they count Kimi's spend (one reading shared
    /// by the watch and the budgets), else on its own.
    /// </summary>
    private static Func<CancellationToken, UsageReading> Reader(CliEnvironment environment, KimiUsageOptions options, KimiLiveSpend? kimiSpend) =>
        kimiSpend is null
            ? token => KimiReading.Read(environment, KimiReading.Source(environment, options), printWarnings: false, token)
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
