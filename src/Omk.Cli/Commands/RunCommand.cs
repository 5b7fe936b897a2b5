using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Processes;
using Omk.Cli.Rendering;
using Omk.Cli.Watch;
using Omk.Cost.Application.Runs;
using Omk.Cost.Domain.Budgets;

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
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var estimate = new EstimateOptions(kindRequired: false);
        var budgets = new Option<string[]>("--budget")
        {
            Description = "Also stop at what this budget leaves (repeat for more). Every budget that covers the run's type applies anyway.",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
        };
        var limit = CliOptions.Dollars("--limit", "Stop the command when its Kimi sessions have spent this many US dollars (and reserve that much unless --usd or an estimate is given).");
        var usd = CliOptions.Dollars("--usd", "The amount to reserve at the gate (when budgets apply, the run reserves more in steps of it, at least $0.50, as it spends). Default: the estimate of --kind, else --limit, else nothing.");
        var kind = CliOptions.Text("--kind", "Reserve the estimate of a kind of run (team, autopilot, ralph or custom) with the estimate options.", "KIND");
        var type = CliOptions.Text("--type", "The session type the run is recorded as, and the budgets of which type apply.", "TYPE");
        var name = CliOptions.Text("--name", "The run's name. Default: the Kimi session's title, else the command.", "NAME");
        var grace = CliOptions.Duration("--grace", "How long the command is given after SIGINT before SIGTERM, and after SIGTERM before SIGKILL.", "10s");
        var json = new Option<bool>("--json") { Description = "Write the summary as one JSON line on standard error." };
        var failOpen = new Option<bool>("--fail-open")
        {
            Description = "When the team store cannot be reached, run anyway (one warning; the reservation is not stored), instead of failing before the command starts.",
        };
        var commandLine = new Argument<string[]>("command")
        {
            Description = "The command to run and its arguments, after --.",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "COMMAND",
        };

        var command = CliCommand.Create(
            "run",
            "Run an agent command within a budget: reserve at the gate (exit 3 and nothing runs when it refuses), start the command in its own process group, "
            + "meter the Kimi CLI / Kimi Code sessions it writes in its folder as they grow, stop it when they have spent what the run may spend "
            + "(--limit, or what every budget that applies leaves: SIGINT to its group, SIGTERM and SIGKILL after --grace), and record the exact cost from the logs. "
            + "Exits with the command's exit code, or 3 when it was stopped at the budget. Ctrl-C is passed on to the command, and the run is still recorded.",
            "omk cost run --limit 2 -- kimi --print --yolo -p 'fix the flaky test'",
            "omk cost run --budget monthly --name refactor -- kimi-code",
            "omk cost run --usd 5 --limit 5 --grace 30s --json -- kimi -p 'write the release notes'");
        estimate.Options.ToList().ForEach(command.Options.Add);
        foreach (var option in new Option[] { budgets, limit, usd, kind, type, name, grace, json, failOpen })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(commandLine);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var argv = parseResult.GetValue(commandLine) ?? [];
            if (argv.Length == 0 || argv[0].Length == 0)
            {
                throw new CommandLineException("give the command to run after --, such as: omk cost run --limit 2 -- kimi -p 'PROMPT'");
            }

            var graceSeconds = parseResult.IsGiven(grace) ? parseResult.GetValue(grace) : (ulong)RunRequest.DefaultGrace.TotalSeconds;
            if (graceSeconds == 0)
            {
                throw new CommandLineException("--grace must be at least 1s");
            }

            var sessionType = parseResult.IsGiven(type) ? parseResult.GetValue(type)!.Trim() : RunRequest.DefaultSessionType;
            var amount = Amount(parseResult);
            var request = new RunRequest
            {
                Command = new ChildCommand { FileName = argv[0], Arguments = argv[1..], WorkingDirectory = Environment.CurrentDirectory },
                Reservation = new ReservationRequest
                {
                    AmountUsd = amount,
                    SessionType = sessionType,
                    Name = parseResult.IsGiven(name) ? parseResult.GetValue(name)!.Trim() : null,
                    Budgets = parseResult.GetValue(budgets) ?? [],
                },
                LimitUsd = parseResult.IsGiven(limit) ? parseResult.GetValue(limit) : null,
                Grace = TimeSpan.FromSeconds(Math.Min(graceSeconds, 3600)),
                FailOpen = parseResult.GetValue(failOpen),
            };

            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            var state = CostServices.ResolveStateDirectory(environment, parseResult.GetValue(stateDirectory));
            var options = KimiReading.Options(environment, state, model: null, pricesFile: null, useIndex: true);
            using var signal = new LogChangeSignal(environment.FileSystem, new[] { options.KimiCliRoot, options.KimiCodeRoot }.OfType<string>(), environment.TimeProvider);
            var meter = new KimiRunMeter(
                token => KimiReading.Read(environment, options, printWarnings: false, token),
                token => signal.WaitAsync(PollInterval, token));
            var supervisor = new RunSupervisor(services.Budgets, services.Record, new ProcessGroupLauncher(), meter, environment.TimeProvider);

            // Ctrl-C and SIGTERM are passed on to the command, every time, and never end omk before the run is recorded.
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
                environment.Error.Write($"omk: {exception.Message}; nothing was run and the reservation was given back\n");
                return ExitCodes.Failure;
            }

            return Report(environment, outcome, parseResult.GetValue(json));

            void Forward(PosixSignalContext context)
            {
                context.Cancel = true;
                interrupted.Cancel();
            }
        });
        return command;

        decimal Amount(ParseResult parseResult)
        {
            if (parseResult.IsGiven(kind))
            {
                if (parseResult.IsGiven(usd))
                {
                    throw new CommandLineException("give --usd or --kind, not both");
                }

                var chosen = parseResult.GetValue(kind)!.Trim().ToLowerInvariant();
                if (chosen is not ("team" or "autopilot" or "ralph" or "custom"))
                {
                    throw new CommandLineException($"--kind must be team, autopilot, ralph or custom, not '{parseResult.GetValue(kind)}'");
                }

                return estimate.Estimate(parseResult, chosen, environment.Error).EstimatedUsd;
            }

            estimate.Forbid(parseResult, "a run without --kind");
            return parseResult.IsGiven(usd) ? parseResult.GetValue(usd) : parseResult.IsGiven(limit) ? parseResult.GetValue(limit) : 0m;
        }
    }

    private static int Report(CliEnvironment environment, RunOutcome outcome, bool json)
    {
        var error = environment.Error;
        if (outcome.AdmittedWithoutStore is { } unreachable)
        {
            error.Write($"omk: warning: {unreachable.Message.TrimEnd('.')}; ran without checking the budgets (--fail-open)\n");
        }

        BudgetText.WriteWarnings(error, outcome.Decision.Budgets);
        if (outcome.Decision.Reservation is not { } reservation)
        {
            foreach (var standing in outcome.Decision.Exceeding)
            {
                error.Write($"omk: run refused: {Figures.Usd(outcome.Decision.AmountUsd)} would exceed {BudgetText.Describe(standing)}; nothing was run\n");
            }

            return ExitCodes.BudgetExceeded;
        }

        if (outcome.Recorded is { KeptInOutboxBecause: not null } kept)
        {
            CostServices.WarnKeptInOutbox(environment, kept, $"; reservation {reservation.Id} is not settled and counts until it expires");
        }

        var exitCode = outcome.StoppedAtBudget ? ExitCodes.BudgetExceeded : outcome.Exit?.ShellCode ?? ExitCodes.Failure;
        var settled = outcome.Recorded?.Settled?.State switch
        {
            ReservationState.Active => "active",
            ReservationState.Expired => "expired",
            ReservationState.NotFound => "not_found",
            _ => BudgetGate.IsUnstored(reservation.Id) ? "unstored" : "not_settled",
        };
        if (json)
        {
            CliJson.WriteLine(error, RunDocument.From(outcome, exitCode, settled), WatchJsonContext.Default.RunDocument);
            return exitCode;
        }

        error.Write(Summary(outcome, exitCode, reservation) + "\n");
        return exitCode;
    }

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
            $"omk: run {how}: {ended} · spent {cost} in {Figures.Counted(spend.Calls, "call")} ({sessions}) · {record.Estimate.DurationSecs}s · {state} as {record.SessionType} \"{record.Name}\" · exit {exitCode}");
    }

    private static string Latency(RunStop stop) =>
        stop.CrossedAt is { } crossed && stop.Signals.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $", SIGINT {(stop.Signals[0].At - crossed).TotalMilliseconds:0} ms after the crossing call")
            : string.Empty;
}
