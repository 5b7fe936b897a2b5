using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Processes;
using Omk.Cli.Rendering;
using Omk.Cli.Watch;
using Omk.Cost.Adapters.Kimi;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain.Budgets;
using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost run -- COMMAND [ARGS…]</c>: reserves through the gate, runs the command in its own process group,
/// meters the Kimi sessions it writes live, stops it at what it may spend (SIGINT, then SIGTERM and SIGKILL after the
/// grace, to its group), settles the exact cost from the logs, and exits with the command's code, or 3 when it was
/// stopped at the budget.
/// </summary>
internal static class RunCommand
{
    /// <summary>How often the logs are read when no change notification comes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new RunOptions();
        var command = CliCommand.Create(
            "run",
            "Run an agent command within a budget: reserve at the gate (exit 3 and nothing runs when it refuses), start the command in its own process group, "
            + "meter the Kimi CLI / Kimi Code sessions it writes in its folder as they grow, stop it when they have spent what the run may spend "
            + "(--limit, or what every budget that applies leaves: SIGINT to its group, SIGTERM and SIGKILL after --grace), and record the exact cost from the logs. "
            + "Exits with the command's exit code, or 3 when it was stopped at the budget. Ctrl-C is passed on to the command, and the run is still recorded.",
            "omk cost run --limit 2 -- kimi --print --yolo -p 'fix the flaky test'",
            "omk cost run --budget monthly --name refactor -- kimi-code",
            "omk cost run --usd 5 --limit 5 --grace 30s --json -- kimi -p 'write the release notes'");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));
        return command;
    }

    /// <summary>The action: the run supervisor over the store, the command's process group and a meter of its Kimi logs.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, RunOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = options.Request(parseResult, environment.Error);
        using var services = CostServices.Create(environment);
        var state = CostServices.ResolveStateDirectory(environment);
        var kimi = KimiReading.Options(environment, state, model: null, pricesFile: null, useIndex: true);
        using var signal = new LogChangeSignal(environment.FileSystem, new[] { kimi.KimiCliRoot, kimi.KimiCodeRoot }.OfType<string>(), environment.TimeProvider);
        var meter = new KimiRunMeter(
            MeterReading(environment, kimi, services.KimiSpend),
            token => signal.WaitAsync(PollInterval, token));
        var supervisor = new RunSupervisor(services.Budgets, services.Record, new ProcessGroupLauncher(), meter, environment.TimeProvider);
        return await SuperviseAsync(environment, supervisor, request, parseResult.GetValue(options.Json), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads Kimi's logs for the run's meter; each reading also makes the budgets read the other sessions anew at their
    /// next step (they count what those spent meanwhile).
    /// </summary>
    private static Func<CancellationToken, UsageReading> MeterReading(CliEnvironment environment, KimiUsageOptions options, KimiLiveSpend? budgetReading) =>
        token =>
        {
            budgetReading?.Forget();
            return KimiReading.Read(environment, KimiReading.Source(environment, options), printWarnings: false, token);
        };

    /// <summary>
    /// Runs the command under the supervisor, then reports it. Ctrl-C and SIGTERM are passed on to the command, every
    /// time, and never end omk before the run is recorded and reported.
    /// </summary>
    private static async Task<int> SuperviseAsync(CliEnvironment environment, RunSupervisor supervisor, RunRequest request, bool json, CancellationToken cancellationToken)
    {
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        RunOutcome outcome;
        try
        {
            outcome = await supervisor.RunAsync(request, interrupted.Token).ConfigureAwait(false);
        }
        catch (ChildStartException exception)
        {
            ErrorLine.Write(environment.Error, $"{exception.Message}; nothing was run and the reservation was given back");
            return ExitCodes.Failure;
        }

        return Report(environment, outcome, json);

        void Forward(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }
    }

    /// <summary>
    /// The view: the warnings of the gate, each budget that refused the run, or what the run did as one line (or one
    /// JSON line) on standard error; the exit code is the command's, or 3 when it was refused or stopped at the budget.
    /// </summary>
    private static int Report(CliEnvironment environment, RunOutcome outcome, bool json)
    {
        var error = environment.Error;
        if (outcome.AdmittedWithoutStore is { } unreachable)
        {
            ErrorLine.Warn(error, $"{unreachable.Message.TrimEnd('.')}; ran without checking the budgets (--fail-open)");
        }

        BudgetText.WriteWarnings(error, outcome.Decision.Budgets);
        if (outcome.Decision.Reservation is not { } reservation)
        {
            foreach (var standing in outcome.Decision.Exceeding)
            {
                ErrorLine.Write(error, $"run refused: {Figures.Usd(outcome.Decision.AmountUsd)} would exceed {BudgetText.Describe(standing)}; nothing was run");
            }

            return ExitCodes.BudgetExceeded;
        }

        if (outcome.Recorded is { KeptInOutboxBecause: not null } kept)
        {
            CostServices.WarnKeptInOutbox(environment, kept, $"; reservation {reservation.Id} is settled with it when it is sent");
        }

        var exitCode = outcome.StoppedAtBudget ? ExitCodes.BudgetExceeded : outcome.Exit?.ShellCode ?? ExitCodes.Failure;
        if (json)
        {
            CliJson.WriteLine(error, RunDocument.From(outcome, exitCode, Settled(outcome, reservation)), WatchJsonContext.Default.RunDocument);
            return exitCode;
        }

        ErrorLine.Write(error, Summary(outcome, exitCode, reservation));
        return exitCode;
    }

    /// <summary>What became of the run's reservation, in the words of the JSON summary's <c>settled</c>.</summary>
    private static string Settled(RunOutcome outcome, Reservation reservation) => outcome.Recorded?.Settled?.State switch
    {
        ReservationState.Active => "active",
        ReservationState.Expired => "expired",
        ReservationState.NotFound => "not_found",
        _ => BudgetGate.IsUnstored(reservation.Id) ? "unstored" : "not_settled",
    };

    /// <summary>The one line that says what the run did, spent and recorded.</summary>
    private static string Summary(RunOutcome outcome, int exitCode, Reservation reservation)
    {
        var invariant = CultureInfo.InvariantCulture;
        var spend = outcome.Spend;
        var how = outcome.Stop switch
        {
            { Reason: RunStopReason.Budget } stop => string.Create(invariant, $"stopped at the budget ({Figures.Usd(stop.AllowanceUsd ?? 0m)}){Latency(stop)}"),
            { } => "interrupted",
            null => "exited",
        };
        var ended = outcome.Exit is { Signal: { } signal } ? string.Create(invariant, $"signal {signal}") : string.Create(invariant, $"code {outcome.Exit?.Code}");
        var sessions = spend.Sessions.Count == 0
            ? "no Kimi session"
            : string.Join(", ", spend.Sessions.Select(static session => session.SessionId));
        var cost = spend.CostKnown ? Figures.Usd(spend.SpentUsd) : $"≥ {Figures.Usd(spend.SpentUsd)} (some models have no price)";
        var record = outcome.Record!;
        var state = outcome.Recorded?.Settled?.State switch
        {
            ReservationState.Active => $"settled {reservation.Id}",
            ReservationState.Expired => $"reservation {reservation.Id} had expired; recorded",
            ReservationState.NotFound => $"reservation {reservation.Id} was gone; recorded",
            _ => $"recorded in {outcome.Recorded?.StoredIn}",
        };
        return string.Create(
            invariant,
            $"run {how}: {ended} · spent {cost} in {Figures.Counted(spend.Calls, "call")} ({sessions}) · {record.Estimate.DurationSecs}s · {state} as {record.SessionType} \"{record.Name}\" · exit {exitCode}");
    }

    private static string Latency(RunStop stop) =>
        stop.CrossedAt is { } crossed && stop.Signals.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $", SIGINT {(stop.Signals[0].At - crossed).TotalMilliseconds:0} ms after the crossing call")
            : string.Empty;
}
