using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost release ID</c> (also <c>omk cost reservations release</c>): gives back the money a gate reserved, for a
/// run that did not happen; by id, by the run's name (for a gate whose id was lost), or every expired reservation.
/// </summary>
internal static class ReleaseCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var id = new Argument<string?>("id") { Description = "The reservation's id, as 'omk cost gate' printed it.", Arity = ArgumentArity.ZeroOrOne };
        var name = CliOptions.Text("--name", "Release every reservation of this run's name (the gate's --name), for a gate whose id was lost.", "NAME");
        var expired = new Option<bool>("--expired") { Description = "Remove every expired reservation now (they hold no money; they stay listed for 7 days otherwise)." };
        var command = CliCommand.Create(
            "release",
            "Give back a reservation of 'omk cost gate' for a run that did not happen: by id, by the run's name, or every expired one. "
            + "Fails when there is no such reservation.",
            "omk cost release r3f9c2a1b7d4e5f60",
            "omk cost release --name nightly",
            "omk cost release --expired");
        command.Arguments.Add(id);
        command.Options.Add(name);
        command.Options.Add(expired);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var reservationId = parseResult.GetValue(id)?.Trim();
            var given = (reservationId is null ? 0 : 1) + (parseResult.IsGiven(name) ? 1 : 0) + (parseResult.GetValue(expired) ? 1 : 0);
            if (given != 1)
            {
                throw new CommandLineException("give one of: a reservation's ID, --name NAME, or --expired");
            }

            return RunAsync(environment, reservationId, parseResult.IsGiven(name) ? parseResult.GetValue(name) : null, cancellationToken);
        });
        return command;
    }

    /// <summary>The action: releases the reservation by id, those of a name, or the expired ones, then warns of budgets.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, string? reservationId, string? name, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        if (reservationId is not null)
        {
            var released = await services.Reservations.ReleaseAsync(reservationId, cancellationToken).ConfigureAwait(false);
            if (released.Outcome is not { } outcome)
            {
                // Asks no store: the store may still be away.
                environment.Out.Write($"Reservation {reservationId} was admitted while the store could not be reached (--fail-open) and was never stored: nothing to release.\n");
                return ExitCodes.Success;
            }

            await BudgetPolicyCommands.WarnAsync(environment, services, null, cancellationToken).ConfigureAwait(false);
            return Report(environment, services, reservationId, outcome);
        }

        var exitCode = name is not null
            ? await ReleaseNamedAsync(environment, services, name, cancellationToken).ConfigureAwait(false)
            : await ReleaseExpiredAsync(environment, services, cancellationToken).ConfigureAwait(false);
        await BudgetPolicyCommands.WarnAsync(environment, services, null, cancellationToken).ConfigureAwait(false);
        return exitCode;
    }

    private static int Report(CliEnvironment environment, CostServices services, string reservationId, ReservationOutcome outcome)
    {
        switch (outcome.State)
        {
            case ReservationState.Active:
                environment.Out.Write($"Released reservation {reservationId} ({Figures.Usd(outcome.Reservation!.AmountUsd)}).\n");
                return ExitCodes.Success;
            case ReservationState.Expired:
                environment.Out.Write($"Reservation {reservationId} had already expired and no longer counted; removed it.\n");
                return ExitCodes.Success;
            default:
                ErrorLine.Write(environment.Error, $"there is no reservation {reservationId} in {services.Budgets.ReservationsLocation} (it may have been settled, or swept a week after it expired; 'omk cost reservations' lists them)");
                return ExitCodes.Failure;
        }
    }

    private static async Task<int> ReleaseNamedAsync(CliEnvironment environment, CostServices services, string name, CancellationToken cancellationToken)
    {
        var released = await services.Reservations.ReleaseNamedAsync(name, cancellationToken).ConfigureAwait(false);
        if (released.Count == 0)
        {
            ErrorLine.Write(environment.Error, $"there is no reservation named \"{name}\" in {services.Budgets.ReservationsLocation} ('omk cost reservations' lists them)");
            return ExitCodes.Failure;
        }

        environment.Out.Write(
            $"Released {Figures.Counted(released.Count, "reservation")} named \"{name}\" ({Figures.Usd(released.Sum(static reservation => reservation.AmountUsd))}): {string.Join(", ", released.Select(static reservation => reservation.Id))}.\n");
        return ExitCodes.Success;
    }

    private static async Task<int> ReleaseExpiredAsync(CliEnvironment environment, CostServices services, CancellationToken cancellationToken)
    {
        var released = await services.Reservations.ReleaseExpiredAsync(cancellationToken).ConfigureAwait(false);
        environment.Out.Write(released.Count == 0
            ? "No expired reservations.\n"
            : $"Removed {Figures.Counted(released.Count, "expired reservation")} (they held no money): {string.Join(", ", released.Select(static reservation => reservation.Id))}.\n");
        return ExitCodes.Success;
    }
}
