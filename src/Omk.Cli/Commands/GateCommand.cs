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
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new GateOptions();
        var command = CliCommand.Create(
            "gate",
            "Reserve what a run will cost before it starts, if it fits every budget that applies (spent + reserved + amount ≤ limit). "
            + "Prints the reservation's id; settle it with 'omk cost record ... --reservation ID' or give it back with 'omk cost release ID'. "
            + "Exits with 3, reserving nothing, when a budget would be exceeded.",
            "id=$(omk cost gate team --duration 30m --workers 3) || exit",
            "omk cost gate --usd 2.50 --type ralph --name stories --budget monthly --ttl 2h --json",
            "id=$(omk cost gate ralph --duration 1h --iterations 10 --fail-open) || exit");
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));
        return command;
    }

    /// <summary>The action: asks the gate use case, then shows its decision.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, GateOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = Request(environment, options, parseResult);
        using var services = CostServices.Create(environment);
        var gated = await services.Gate.GateAsync(request, parseResult.GetValue(options.FailOpen), cancellationToken).ConfigureAwait(false);
        var decision = gated.Decision;
        if (gated.AdmittedUncheckedBecause is { } unreachable)
        {
            ErrorLine.Warn(
                environment.Error,
                $"{unreachable.Message.TrimEnd('.')}; admitted without checking the budgets (--fail-open): reservation {decision.Reservation!.Id} is not stored and holds no money");
        }

        BudgetText.WriteWarnings(environment.Error, decision.Budgets);
        return Show(environment, decision, parseResult.GetValue(options.Json));
    }

    /// <summary>The view: the reservation's id (or <c>--json</c> document), or each budget the run would exceed.</summary>
    private static int Show(CliEnvironment environment, GateDecision decision, bool json)
    {
        if (decision.Reservation is not { } reservation)
        {
            foreach (var standing in decision.Exceeding)
            {
                ErrorLine.Write(environment.Error, $"gate refused: {Rendering.Figures.Usd(decision.AmountUsd)} would exceed {BudgetText.Describe(standing)}");
            }

            return ExitCodes.BudgetExceeded;
        }

        try
        {
            if (json)
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
    }

    /// <summary>The request: a given amount (<c>--usd</c>) or the estimate of a kind of run, and what it is kept with.</summary>
    private static ReservationRequest Request(CliEnvironment environment, GateOptions options, ParseResult parseResult)
    {
        decimal amount;
        ulong durationSecs = 0;
        string? kind = null;
        if (parseResult.IsGiven(options.Usd))
        {
            if (options.Run.IsGiven(parseResult))
            {
                throw new CommandLineException("give --usd or a kind of run, not both");
            }

            options.Run.Forbid(parseResult, "a gate of a given amount (--usd)");
            amount = parseResult.GetValue(options.Usd);
        }
        else if (options.Run.IsGiven(parseResult))
        {
            var estimate = options.Run.Estimate(parseResult, environment.Error);
            amount = estimate.EstimatedUsd;
            durationSecs = estimate.DurationSecs;
            kind = parseResult.GetValue(options.Run.Kind);
        }
        else
        {
            throw new CommandLineException("give --usd X, or a kind of run (team, autopilot, ralph or custom) to estimate");
        }

        return new ReservationRequest
        {
            AmountUsd = amount,
            SessionType = parseResult.IsGiven(options.Type) ? parseResult.GetValue(options.Type)!.Trim() : kind is null or "custom" ? null : kind,
            Name = parseResult.IsGiven(options.Name) ? parseResult.GetValue(options.Name)!.Trim() : null,
            Budgets = parseResult.GetValue(options.Budgets) ?? [],
            TimeToLive = parseResult.IsGiven(options.Ttl)
                ? TimeToLive(parseResult.GetValue(options.Ttl))
                : ReservationRequest.DefaultTimeToLive(durationSecs),
        };
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
