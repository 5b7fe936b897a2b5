using System.CommandLine;
using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Application;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost record</c>: appends what one session cost to the history.</summary>
internal static class RecordCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment)
    {
        var options = new RecordOptions();
        var command = CliCommand.Create(
            "record",
            "Record what one session cost: an estimate from its duration (a team, autopilot or ralph session by the rule estimate uses for that kind; with --started-at and --ended-at, the duration is the time between them), or its exact token counts.",
            "omk cost record --type team --name refactor-auth --duration 45m --workers 3",
            "omk cost record --type ralph --name stories --input-tokens 120000 --output-tokens 40000 --tier premium --actual-usd 1.25",
            "omk cost record --type team --name refactor-auth --duration 45m --workers 3 --reservation \"$id\"");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, options, parseResult, cancellationToken));
        return command;
    }

    /// <summary>The action: makes the session from the command line, records or settles it, and shows the result.</summary>
    private static async Task<int> RunAsync(CliEnvironment environment, RecordOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var reservationId = parseResult.IsGiven(options.Reservation) ? parseResult.GetValue(options.Reservation)!.Trim() : null;
        var sessionType = parseResult.IsGiven(options.Type)
            ? parseResult.GetValue(options.Type)!
            : await ReservedTypeAsync(environment, reservationId, cancellationToken).ConfigureAwait(false);
        var session = Session(environment, options, parseResult, sessionType, Estimate(environment, options, parseResult, sessionType));

        using var services = CostServices.Create(environment);
        var recorded = await services.Record.RecordAsync(session, reservationId, cancellationToken).ConfigureAwait(false);
        CostServices.WarnKeptInOutbox(
            environment,
            recorded,
            reservationId is not null && !BudgetGate.IsUnstored(reservationId) ? $"; reservation {reservationId} is settled with it when it is sent (at once if the store received this step before the connection failed)" : string.Empty);

        try
        {
            return await ShowAsync(environment, services, session, recorded, reservationId, parseResult.GetValue(options.Json), cancellationToken).ConfigureAwait(false);
        }
        catch (StandardOutputException exception)
        {
            // The session is stored: say so, lest the record be run again and counted twice.
            throw exception.After($"recorded the session in {recorded.StoredIn}");
        }
    }

    /// <summary>The view: the recorded session (text or <c>--json</c>), then what a settle found of its reservation.</summary>
    private static async Task<int> ShowAsync(CliEnvironment environment, CostServices services, SessionCost session, RecordResult recorded, string? reservationId, bool json, CancellationToken cancellationToken)
    {
        if (json)
        {
            CliJson.Write(environment.Out, SessionDocument.From(session), CliJsonContext.Default.SessionDocument);
        }
        else
        {
            environment.Out.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"Recorded {session.SessionType} session \"{session.Name}\": {session.Estimate}{(session.ActualUsd is { } actual ? $", actual {Figures.Usd(actual)}" : string.Empty)} in {recorded.StoredIn}\n"));
        }

        if (recorded.Settled is not { } settled)
        {
            return ExitCodes.Success;
        }

        await ReportSettleAsync(environment, services, reservationId!, settled, json, cancellationToken).ConfigureAwait(false);
        if (settled.Overshoot.Count == 0)
        {
            return ExitCodes.Success;
        }

        // Nothing is lost (the session is recorded), but the budget was spent past: say so, and exit as a budget exceeded.
        ErrorLine.Write(
            environment.Error,
            $"budget overshoot: reservation {reservationId} had {(settled.State == ReservationState.Expired ? "expired" : "gone")} and its money went to other runs; the session is recorded and {string.Join("; ", settled.Overshoot.Select(BudgetText.Describe))}");
        return ExitCodes.BudgetExceeded;
    }

    /// <summary>The estimate: from exact tokens, or from the run's length by the rule of its kind.</summary>
    private static CostEstimate Estimate(CliEnvironment environment, RecordOptions options, ParseResult parseResult, string sessionType)
    {
        var chosenTier = parseResult.IsGiven(options.Tier) ? parseResult.GetValue(options.Tier) : PricingTier.Standard;
        if (parseResult.IsGiven(options.InputTokens) || parseResult.IsGiven(options.OutputTokens))
        {
            if (!parseResult.IsGiven(options.InputTokens) || !parseResult.IsGiven(options.OutputTokens))
            {
                throw new CommandLineException("--input-tokens and --output-tokens go together");
            }

            CliCommand.Forbid(parseResult, "a record by exact tokens", options.Duration, options.Workers, options.Iterations);
            return CostEstimator.FromExactTokens(parseResult.GetValue(options.InputTokens), parseResult.GetValue(options.OutputTokens), chosenTier);
        }

        if (!parseResult.IsGiven(options.Duration) && !(parseResult.IsGiven(options.StartedAt) && parseResult.IsGiven(options.EndedAt)))
        {
            throw new CommandLineException("give --duration (or --started-at with --ended-at), or --input-tokens with --output-tokens");
        }

        return ByKind(environment, options, parseResult, RunKinds.Of(sessionType), chosenTier);
    }

    /// <summary>An estimate by the rule of the session's kind: the options that do not apply to it refused, a size required.</summary>
    private static CostEstimate ByKind(CliEnvironment environment, RecordOptions options, ParseResult parseResult, RunKind kind, PricingTier chosenTier)
    {
        var secs = Duration.ToEstimatorSeconds(RunSeconds(environment, options, parseResult));
        var (context, notApplying, multiplies) = kind switch
        {
            RunKind.Team => ("a team session (its tier comes from --role)", (Option[])[options.Iterations, options.Phases, options.Stories, options.Tier], "its workers multiply"),
            RunKind.Autopilot => ("an autopilot session", [options.Workers, options.Iterations, options.Stories, options.Role, options.Tier], "its phases multiply"),
            RunKind.Ralph => ("a ralph session", [options.Workers, options.Phases, options.Role, options.Tier], "its iterations and stories multiply"),
            _ => ("a session of this type", [options.Phases, options.Stories, options.Role], "its workers and iterations multiply"),
        };
        CliCommand.Forbid(parseResult, context, notApplying);
        EstimateOptions.RequireSize(secs: secs, "a recorded", multiplies);
        if (kind == RunKind.Team)
        {
            TierHint.CheckRole(environment.Error, parseResult.GetValue(options.Role));
        }

        return RunKinds.Estimate(kind, new RunSize
        {
            DurationSecs = secs,
            Workers = parseResult.GetValue(options.Workers),
            Iterations = parseResult.GetValue(options.Iterations),
            Phases = parseResult.GetValue(options.Phases),
            Stories = parseResult.GetValue(options.Stories),
            Role = parseResult.GetValue(options.Role),
            Tier = chosenTier,
        });
    }

    /// <summary>The session: its times completed in the <c>--tz</c> zone, none of them in the future.</summary>
    private static SessionCost Session(CliEnvironment environment, RecordOptions options, ParseResult parseResult, string sessionType, CostEstimate estimate)
    {
        // The zone reads the times a person typed; a record without them uses none (and so never fails on $OMK_TZ).
        var zone = parseResult.IsGiven(options.StartedAt) || parseResult.IsGiven(options.EndedAt) ? TimeZoneOption.Resolve(environment) : TimeZoneInfo.Utc;
        var now = environment.TimeProvider.GetUtcNow();
        var (started, ended) = Times(
            parseResult.IsGiven(options.Duration) ? parseResult.GetValue(options.Duration) : (ulong)estimate.DurationSecs,
            parseResult.IsGiven(options.StartedAt) ? NotFuture(parseResult, options.StartedAt, zone, now) : null,
            parseResult.IsGiven(options.EndedAt) ? NotFuture(parseResult, options.EndedAt, zone, now) : null,
            now);
        if (ended > now + InputLimits.FutureTolerance)
        {
            throw new CommandLineException($"--started-at plus --duration ends at {TimeBound.Shown(TimeZoneInfo.ConvertTime(ended, zone), isDate: false)} ({zone.Id}), in the future: a record is of a session that has ended");
        }

        return new SessionCost
        {
            SessionType = sessionType,
            Name = parseResult.GetValue(options.Name)!,
            StartedAt = started,
            EndedAt = ended,
            Estimate = estimate,
            ActualUsd = parseResult.IsGiven(options.ActualUsd) ? parseResult.GetValue(options.ActualUsd) : null,
        };
    }

    /// <summary>A time typed on the command line; more than a few minutes ahead of the clock is a wrong day or year.</summary>
    private static DateTimeOffset NotFuture(ParseResult parseResult, Option<TimeBound> option, TimeZoneInfo zone, DateTimeOffset now)
    {
        var moment = parseResult.GetValue(option).Start(zone, now);
        if (moment > now + InputLimits.FutureTolerance)
        {
            throw new CommandLineException(
                $"{option.Name} {parseResult.GetValue(option).Text} is in the future (now is {TimeBound.Shown(TimeZoneInfo.ConvertTime(now, zone), isDate: false)} {zone.Id}): a session is recorded once it has happened");
        }

        return moment.ToUniversalTime();
    }

    /// <summary>The run's length: <c>--duration</c>, or the time between <c>--started-at</c> and <c>--ended-at</c>; both must agree.</summary>
    private static ulong RunSeconds(CliEnvironment environment, RecordOptions options, ParseResult parseResult)
    {
        if (!parseResult.IsGiven(options.StartedAt) || !parseResult.IsGiven(options.EndedAt))
        {
            return parseResult.GetValue(options.Duration);
        }

        var zone = TimeZoneOption.Resolve(environment);
        var now = environment.TimeProvider.GetUtcNow();
        var between = parseResult.GetValue(options.EndedAt).Start(zone, now) - parseResult.GetValue(options.StartedAt).Start(zone, now);
        if (between < TimeSpan.Zero)
        {
            throw new CommandLineException("--ended-at is before --started-at");
        }

        var seconds = (ulong)between.TotalSeconds;
        if (parseResult.IsGiven(options.Duration) && parseResult.GetValue(options.Duration) != seconds)
        {
            throw new CommandLineException(string.Create(
                CultureInfo.InvariantCulture,
                $"--duration {parseResult.GetValue(options.Duration)}s does not match --started-at to --ended-at ({seconds}s): give two of the three"));
        }

        return seconds;
    }

    /// <summary>
    /// Gets the type of the run a reservation was gated for, for a settle without <c>--type</c>: the session takes it.
    /// </summary>
    private static async Task<string> ReservedTypeAsync(CliEnvironment environment, string? reservationId, CancellationToken cancellationToken)
    {
        if (reservationId is null || BudgetGate.IsUnstored(reservationId))
        {
            throw new CommandLineException("give --type (a settle with --reservation may leave it out: it takes the type its gate fixed)");
        }

        using var services = CostServices.Create(environment);
        var found = await services.Reservations.FindAsync(reservationId, cancellationToken).ConfigureAwait(false)
            ?? throw new CommandLineException($"there is no reservation {reservationId} in {services.Location} to take the type from: give --type");
        return found.SessionType
            ?? throw new CommandLineException($"reservation {reservationId} was gated without a type: give --type");
    }

    /// <summary>Says what a settle found of its reservation, and warns of budgets past their warning share.</summary>
    private static async Task ReportSettleAsync(CliEnvironment environment, CostServices services, string id, ReservationOutcome outcome, bool json, CancellationToken cancellationToken)
    {
        switch (outcome.State)
        {
            case ReservationState.Active when !json:
                environment.Out.Write($"Settled reservation {id} ({Rendering.Figures.Usd(outcome.Reservation!.AmountUsd)} reserved).\n");
                break;
            case ReservationState.Expired:
                ErrorLine.Write(environment.Error, $"reservation {id} had expired and no longer counted; the session is recorded and the reservation removed");
                break;
            case ReservationState.NotFound:
                ErrorLine.Write(environment.Error, $"there is no reservation {id} (it may have been released, or swept a week after it expired); the session is recorded all the same");
                break;
        }

        await BudgetPolicyCommands.WarnAsync(environment, services, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes the session's times: the end defaults to the start plus the duration when the start is given, else
    /// to now; the start defaults to the end minus the duration. Times that would fall outside the years 1 to 9999
    /// are refused, naming the options that led there.
    /// </summary>
    private static (DateTimeOffset Started, DateTimeOffset Ended) Times(ulong durationSecs, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        if (durationSecs > (ulong)(DateTimeOffset.MaxValue - DateTimeOffset.MinValue).TotalSeconds)
        {
            throw new CommandLineException(string.Create(CultureInfo.InvariantCulture, $"--duration {durationSecs}s is longer than the years 1 to 9999"));
        }

        var length = TimeSpan.FromSeconds(durationSecs);
        DateTimeOffset ended;
        if (end is { } givenEnd)
        {
            ended = givenEnd;
        }
        else if (start is { } givenStart)
        {
            ended = TryAdd(givenStart, length, out var sum)
                ? sum
                : throw new CommandLineException("--started-at plus --duration is after the year 9999");
        }
        else
        {
            ended = now;
        }

        var started = start ?? (TryAdd(ended, -length, out var difference)
            ? difference
            : throw new CommandLineException(end is null
                ? "--duration reaches back before the year 1 from now"
                : "--ended-at minus --duration is before the year 1"));
        if (ended < started)
        {
            throw new CommandLineException("--ended-at is before --started-at");
        }

        return (started, ended);
    }

    private static bool TryAdd(DateTimeOffset moment, TimeSpan offset, out DateTimeOffset result)
    {
        var ticks = moment.UtcTicks + offset.Ticks;
        var valid = ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks;
        result = valid ? new DateTimeOffset(ticks, TimeSpan.Zero) : moment;
        return valid;
    }
}
