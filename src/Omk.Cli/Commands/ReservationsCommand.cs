using System.CommandLine;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary>
/// <c>omk cost reservations [list|extend|release]</c>: the money gates hold for runs, seen, renewed and given back, so
/// that no reservation is held unseen (a gate killed before it printed its id) or lost while its run goes on.
/// </summary>
internal static class ReservationsCommand
{
    /// <summary>Creates the command; without a subcommand it lists.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var json = CliOptions.Json("the reservations");
        var command = CliCommand.Create(
            "reservations",
            "Show the reservations of 'omk cost gate' (id, name, type, amount, who, where, created, expires), renew one for a run "
            + "still going (extend), or give them back (release). Expired reservations hold no money and stay listed for 7 days.",
            "omk cost reservations",
            "omk cost reservations --json",
            "omk cost reservations extend r3f9c2a1b7d4e5f60 --ttl 4h",
            "omk cost reservations release --name nightly");
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => ListAsync(environment, parseResult.GetValue(json), cancellationToken));
        command.Subcommands.Add(List(environment));
        command.Subcommands.Add(Extend(environment));
        command.Subcommands.Add(ReleaseCommand.Create(environment));
        return command;
    }

    private static Command List(CliEnvironment environment)
    {
        var json = CliOptions.Json("the reservations");
        var command = CliCommand.Create(
            "list",
            "Show every reservation, oldest first: id, name, type, amount, who made it and where, when it was made and when it expires.",
            "omk cost reservations list",
            "omk cost reservations list --json");
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => ListAsync(environment, parseResult.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> ListAsync(CliEnvironment environment, bool json, CancellationToken cancellationToken)
    {
        using var services = CostServices.Create(environment);
        var listing = await services.Reservations.ListAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            CliJson.Write(
                environment.Out,
                new ReservationListDocument(Rfc3339.Format(listing.AsOf), [.. listing.Reservations.Select(reservation => ReservationDocument.From(reservation, listing.AsOf))]),
                CliJsonContext.Default.ReservationListDocument);
        }
        else if (listing.Reservations.Count == 0)
        {
            environment.Out.Write($"No reservations in {services.Location}.\n");
        }
        else
        {
            StyledOutput.For(environment).Write(Table(listing));
        }

        return ExitCodes.Success;
    }

    /// <summary>A moment in the table, RFC 3339 UTC to the second (the JSON keeps every digit).</summary>
    private static string ToTheSecond(DateTimeOffset moment) =>
        Rfc3339.Format(new DateTimeOffset(moment.UtcTicks - (moment.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));

    private static TextTable Table(ReservationListing listing)
    {
        // Too wide for the terminal: long names are shortened, then when it was made, where, by whom and its type go.
        var table = new TextTable(
            TextColumn.Text("Id"),
            TextColumn.Text("Name") with { CanShorten = true },
            TextColumn.Text("Type") with { DropOrder = 4 },
            TextColumn.Number("Amount"),
            TextColumn.Text("Who") with { DropOrder = 3 },
            TextColumn.Text("Where") with { DropOrder = 2 },
            TextColumn.Text("Created") with { DropOrder = 1 },
            TextColumn.Text("Expires"));
        foreach (var reservation in listing.Reservations)
        {
            var active = reservation.IsActiveAt(listing.AsOf);
            table.AddRow(
                [
                    reservation.Id,
                    reservation.Name ?? "-",
                    reservation.SessionType ?? "any",
                    Figures.Usd(reservation.AmountUsd),
                    reservation.User ?? "-",
                    reservation.Host ?? "-",
                    ToTheSecond(reservation.CreatedAt),
                    ToTheSecond(reservation.ExpiresAt) + (active ? string.Empty : " (expired)"),
                ],
                null,
                active ? Tone.Plain : Tone.Note);
        }

        return table;
    }

    private static Command Extend(CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The reservation's id, as 'omk cost gate' printed it." };
        var ttl = CliOptions.Duration("--ttl", "How long from now the reservation counts at least (an extension never shortens it).", "12h");
        var command = CliCommand.Create(
            "extend",
            "Let a reservation count longer, for a run still going. An expired one is renewed only if its amount still fits every budget it counts against (exit 3 otherwise).",
            "omk cost reservations extend r3f9c2a1b7d4e5f60",
            "omk cost reservations extend r3f9c2a1b7d4e5f60 --ttl 4h");
        command.Arguments.Add(id);
        command.Options.Add(ttl);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var reservationId = parseResult.GetValue(id)!.Trim();
            TimeSpan? timeToLive = parseResult.IsGiven(ttl) ? GateCommand.TimeToLive(parseResult.GetValue(ttl)) : null;
            using var services = CostServices.Create(environment);
            var extension = await services.Reservations.ExtendAsync(reservationId, timeToLive, cancellationToken).ConfigureAwait(false);
            return ShowExtension(environment, services.Location, reservationId, extension);
        });
        return command;
    }

    /// <summary>The view of an extension: the reservation's new end, or why it was not extended.</summary>
    private static int ShowExtension(CliEnvironment environment, string location, string reservationId, ReservationExtension? extension)
    {
        if (extension is null)
        {
            environment.Out.Write($"Reservation {reservationId} was admitted while the store could not be reached (--fail-open) and was never stored: nothing to extend.\n");
            return ExitCodes.Success;
        }

        if (extension.Reservation is not { } reservation)
        {
            ErrorLine.Write(environment.Error, $"there is no reservation {reservationId} in {location} (it may have been settled or released, or swept a week after it expired)");
            return ExitCodes.Failure;
        }

        if (!extension.Extended)
        {
            foreach (var standing in extension.Exceeding)
            {
                ErrorLine.Write(
                    environment.Error,
                    $"reservation {reservationId} expired at {Rfc3339.Format(reservation.ExpiresAt)} and its {Figures.Usd(reservation.AmountUsd)} no longer fits {BudgetText.Describe(standing)}: not renewed");
            }

            return ExitCodes.BudgetExceeded;
        }

        environment.Out.Write(extension.State == ReservationState.Expired
            ? $"Renewed expired reservation {reservationId} ({Figures.Usd(reservation.AmountUsd)}): it counts until {Rfc3339.Format(reservation.ExpiresAt)}.\n"
            : $"Extended reservation {reservationId} ({Figures.Usd(reservation.AmountUsd)}): it counts until {Rfc3339.Format(reservation.ExpiresAt)}.\n");
        return ExitCodes.Success;
    }
}
