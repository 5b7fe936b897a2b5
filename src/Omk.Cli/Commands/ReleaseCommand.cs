using System.CommandLine;
using Omk.Cli.Hosting;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost release ID</c>: gives back the money a gate reserved, for a run that did not happen.</summary>
internal static class ReleaseCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var id = new Argument<string>("id") { Description = "The reservation's id, as 'omk cost gate' printed it." };
        var command = CliCommand.Create(
            "release",
            "Give back a reservation of 'omk cost gate' for a run that did not happen. Fails when there is no such reservation.",
            "omk cost release r3f9c2a1b7d4e5f60");
        command.Arguments.Add(id);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var reservationId = parseResult.GetValue(id)!.Trim();
            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            var released = await services.Reservations.ReleaseAsync(reservationId, cancellationToken).ConfigureAwait(false);
            if (released.Outcome is not { } outcome)
            {
                environment.Out.Write($"Reservation {reservationId} was admitted while the store could not be reached (--fail-open) and was never stored: nothing to release.\n");
                return ExitCodes.Success;
            }

            await BudgetPolicyCommands.WarnAsync(environment, services, null, cancellationToken).ConfigureAwait(false);
            switch (outcome.State)
            {
                case ReservationState.Active:
                    environment.Out.Write($"Released reservation {reservationId} ({Rendering.Figures.Usd(outcome.Reservation!.AmountUsd)}).\n");
                    return ExitCodes.Success;
                case ReservationState.Expired:
                    environment.Out.Write($"Reservation {reservationId} had already expired and no longer counted; removed it.\n");
                    return ExitCodes.Success;
                default:
                    environment.Error.Write($"omk: there is no reservation {reservationId} in {services.Location} (it may have expired and been swept, or been settled)\n");
                    return ExitCodes.Failure;
            }
        });
        return command;
    }
}
