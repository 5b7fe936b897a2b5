using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost gate</c>: asks the budgets before a run starts. It reserves the run's cost when it fits every budget
/// that applies and prints the reservation's id; otherwise it writes nothing and exits with 3. A team store that cannot
/// be reached fails the gate (exit 1) unless <c>--fail-open</c>, which admits the run with a reservation no store holds.
/// </summary>
internal static class GateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var run = new EstimateOptions(kindRequired: false);
        var usd = CliOptions.Dollars("--usd", "The amount to reserve, instead of the estimate of a kind of run.");
        var type = CliOptions.Text("--type", "The run's session type, fixed for its settle; budgets scoped to another type do not apply. Default: the kind of run (none for custom and --usd: a run without a type counts against every budget).", "TYPE");
        var name = CliOptions.Text("--name", "The run's name, kept with the reservation.", "NAME");
        var budgets = new Option<string[]>("--budget")
        {
            Description = "Check this budget too (repeat for more), besides every budget that covers the run's type.",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
        };
        var ttl = CliOptions.Duration("--ttl", "How long the reservation counts unless settled or released.", "twice the run's estimated duration, at least 12h; renew it with 'omk cost reservations extend ID'");
        var json = CliOptions.Json("the reservation");
        var failOpen = new Option<bool>("--fail-open")
        {
            Description = "When the team store cannot be reached, admit the run anyway with one warning (its reservation is not stored), instead of failing with 1.",
        };

        var command = CliCommand.Create(
            "gate",
            "Reserve what a run will cost before it starts, if it fits every budget that applies (spent + reserved + amount ≤ limit). "
            + "Prints the reservation's id; settle it with 'omk cost record ... --reservation ID' or give it back with 'omk cost release ID'. "
            + "Exits with 3, reserving nothing, when a budget would be exceeded.",
            "id=$(omk cost gate team --duration 30m --workers 3) || exit",
            "omk cost gate --usd 2.50 --type ralph --name stories --budget monthly --ttl 2h --json",
            "id=$(omk cost gate ralph --duration 1h --iterations 10 --fail-open) || exit");
        run.AddTo(command);
        foreach (var option in new Option[] { usd, type, name, budgets, ttl, json, failOpen, KimiSpendOption.Create() })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = Request(parseResult);
            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            var gated = await services.Gate.GateAsync(request, parseResult.GetValue(failOpen), cancellationToken).ConfigureAwait(false);
            var decision = gated.Decision;
            if (gated.AdmittedUncheckedBecause is { } unreachable)
            {
                environment.Error.Write(
                    $"omk: warning: {unreachable.Message.TrimEnd('.')}; admitted without checking the budgets (--fail-open): reservation {decision.Reservation!.Id} is not stored and holds no money\n");
            }

            BudgetText.WriteWarnings(environment.Error, decision.Budgets);
            if (decision.Reservation is not { } reservation)
            {
                foreach (var standing in decision.Exceeding)
                {
                    environment.Error.Write($"omk: gate refused: {Rendering.Figures.Usd(decision.AmountUsd)} would exceed {BudgetText.Describe(standing)}\n");
                }

                return ExitCodes.BudgetExceeded;
            }

            try
            {
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, GateDocument.From(decision), CliJsonContext.Default.GateDocument);
                }
                else
                {
                    environment.Out.Write(reservation.Id + "\n");
                }
            }
            catch (StandardOutputException exception)
            {
                // The reservation holds its amount until it expires: name it, so that it can be released or settled.
                throw exception.After($"reserved {reservation.Id} ({Rendering.Figures.Usd(reservation.AmountUsd)}; give it back with 'omk cost release {reservation.Id}')");
            }

            return ExitCodes.Success;
        });
        return command;

        ReservationRequest Request(ParseResult parseResult)
        {
            decimal amount;
            ulong durationSecs = 0;
            string? kind = null;
            if (parseResult.IsGiven(usd))
            {
                if (run.IsGiven(parseResult))
                {
                    throw new CommandLineException("give --usd or a kind of run, not both");
                }

                run.Forbid(parseResult, "a gate of a given amount (--usd)");
                amount = parseResult.GetValue(usd);
            }
            else if (run.IsGiven(parseResult))
            {
                var estimate = run.Estimate(parseResult, environment.Error);
                amount = estimate.EstimatedUsd;
                durationSecs = estimate.DurationSecs;
                kind = parseResult.GetValue(run.Kind);
            }
            else
            {
                throw new CommandLineException("give --usd X, or a kind of run (team, autopilot, ralph or custom) to estimate");
            }

            return new ReservationRequest
            {
                AmountUsd = amount,
                SessionType = parseResult.IsGiven(type) ? parseResult.GetValue(type)!.Trim() : kind is null or "custom" ? null : kind,
                Name = parseResult.IsGiven(name) ? parseResult.GetValue(name)!.Trim() : null,
                Budgets = parseResult.GetValue(budgets) ?? [],
                TimeToLive = parseResult.IsGiven(ttl)
                    ? TimeToLive(parseResult.GetValue(ttl))
                    : ReservationRequest.DefaultTimeToLive(durationSecs),
            };
        }
    }

    /// <summary>Turns the seconds of a <c>--ttl</c> into a time to live, refusing zero.</summary>
    /// <param name="seconds">The seconds given.</param>
    /// <returns>The time to live.</returns>
    public static TimeSpan TimeToLive(ulong seconds)
    {
        if (seconds == 0)
        {
            throw new CommandLineException("--ttl must be longer than zero");
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, (ulong)TimeSpan.MaxValue.TotalSeconds / 2));
    }
}
