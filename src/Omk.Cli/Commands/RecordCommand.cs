using System.CommandLine;
using System.Globalization;
using Omk.Cli.Arguments;
using Omk.Cli.Hosting;
using Omk.Cli.Output;
using Omk.Cli.Rendering;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cli.Commands;

/// <summary><c>omk cost record</c>: appends what one session cost to the history.</summary>
internal static class RecordCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="environment">The command's environment.</param>
    /// <param name="stateDirectory">The global <c>--state-dir</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliEnvironment environment, Option<string> stateDirectory)
    {
        var type = CliOptions.Text("--type", "The session type, such as team, autopilot or ralph. Required, unless --reservation gives it: a settle takes the type its gate fixed, and refuses another.", "TYPE");
        var name = CliOptions.Text("--name", "The session's name.", "NAME");
        name.Required = true;
        var duration = CliOptions.Duration("How long the session ran; the estimate is made from it.");
        var workers = CliOptions.Workers("Workers (agents) of the session.");
        var iterations = CliOptions.Rounds("--iterations", "Iterations of the session. Default: 0.");
        var tier = CliOptions.Tier("The pricing tier of a session of another type. Default: standard;");
        var phases = CliOptions.Rounds("--phases", "Phases an autopilot session completed. Default: 0.");
        var stories = CliOptions.Rounds("--stories", "User stories of a ralph session. Default: 0.");
        var role = new Option<string>("--role") { Description = "A team session's role: architect or security price as premium.", HelpName = "ROLE" };
        var inputTokens = CliOptions.Tokens("--input-tokens", "Exact input tokens, instead of --duration (with --output-tokens).");
        var outputTokens = CliOptions.Tokens("--output-tokens", "Exact output tokens, instead of --duration (with --input-tokens).");
        var startedAt = CliOptions.Time("--started-at", "When the session started. Default: its end minus its duration.");
        var endedAt = CliOptions.Time("--ended-at", "When the session ended. Default: its start plus its duration with --started-at, else now.");
        var actualUsd = CliOptions.Dollars("--actual-usd", "What the session really cost, when known.");
        var reservation = CliOptions.Text("--reservation", "Settle this reservation of 'omk cost gate': the session is recorded and the reservation removed in one step.", "ID");
        var json = CliOptions.Json("the recorded session");

        var command = CliCommand.Create(
            "record",
            "Record what one session cost: an estimate from its duration (a team, autopilot or ralph session by the rule estimate uses for that kind; with --started-at and --ended-at, the duration is the time between them), or its exact token counts.",
            "omk cost record --type team --name refactor-auth --duration 45m --workers 3",
            "omk cost record --type ralph --name stories --input-tokens 120000 --output-tokens 40000 --tier premium --actual-usd 1.25",
            "omk cost record --type team --name refactor-auth --duration 45m --workers 3 --reservation \"$id\"");
        foreach (var option in new Option[] { type, name, duration, workers, iterations, phases, stories, role, tier, inputTokens, outputTokens, startedAt, endedAt, actualUsd, reservation, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var reservationId = parseResult.IsGiven(reservation) ? parseResult.GetValue(reservation)!.Trim() : null;
            var sessionType = parseResult.IsGiven(type)
                ? parseResult.GetValue(type)!
                : await ReservedTypeAsync(environment, parseResult, stateDirectory, reservationId, cancellationToken).ConfigureAwait(false);
            var chosenTier = parseResult.IsGiven(tier) ? parseResult.GetValue(tier) : PricingTier.Standard;
            CostEstimate estimate;
            if (parseResult.IsGiven(inputTokens) || parseResult.IsGiven(outputTokens))
            {
                if (!parseResult.IsGiven(inputTokens) || !parseResult.IsGiven(outputTokens))
                {
                    throw new CommandLineException("--input-tokens and --output-tokens go together");
                }

                CliCommand.Forbid(parseResult, "a record by exact tokens", duration, workers, iterations);
                estimate = CostEstimator.FromExactTokens(parseResult.GetValue(inputTokens), parseResult.GetValue(outputTokens), chosenTier);
            }
            else if (parseResult.IsGiven(duration) || (parseResult.IsGiven(startedAt) && parseResult.IsGiven(endedAt)))
            {
                var secs = Duration.ToEstimatorSeconds(RunSeconds());
                estimate = sessionType.Trim().ToLowerInvariant() switch
                {
                    "team" => Kind("a team session (its tier comes from --role)", [iterations, phases, stories, tier], "its workers multiply", () =>
                    {
                        TierHint.CheckRole(environment.Error, parseResult.GetValue(role));
                        return CostEstimator.EstimateTeam(secs, parseResult.GetValue(workers), parseResult.GetValue(role));
                    }),
                    "autopilot" => Kind("an autopilot session", [workers, iterations, stories, role, tier], "its phases multiply", () => CostEstimator.EstimateAutopilot(secs, parseResult.GetValue(phases))),
                    "ralph" => Kind("a ralph session", [workers, phases, role, tier], "its iterations and stories multiply", () => CostEstimator.EstimateRalph(secs, parseResult.GetValue(iterations), parseResult.GetValue(stories))),
                    _ => Kind("a session of this type", [phases, stories, role], "its workers and iterations multiply", () => CostEstimator.Estimate(secs, parseResult.GetValue(workers), parseResult.GetValue(iterations), chosenTier)),
                };
            }
            else
            {
                throw new CommandLineException("give --duration (or --started-at with --ended-at), or --input-tokens with --output-tokens");
            }

            // The zone reads the times a person typed; a record without them uses none (and so never fails on $OMK_TZ).
            var zone = parseResult.IsGiven(startedAt) || parseResult.IsGiven(endedAt) ? TimeZoneOption.Resolve(parseResult, environment) : TimeZoneInfo.Utc;
            var now = environment.TimeProvider.GetUtcNow();
            var (started, ended) = Times(
                parseResult.IsGiven(duration) ? parseResult.GetValue(duration) : (ulong)estimate.DurationSecs,
                parseResult.IsGiven(startedAt) ? NotFuture(startedAt, parseResult.GetValue(startedAt).Start(zone, now)) : null,
                parseResult.IsGiven(endedAt) ? NotFuture(endedAt, parseResult.GetValue(endedAt).Start(zone, now)) : null,
                now);
            if (ended > now + InputLimits.FutureTolerance)
            {
                throw new CommandLineException($"--started-at plus --duration ends at {TimeBound.Shown(TimeZoneInfo.ConvertTime(ended, zone), isDate: false)} ({zone.Id}), in the future: a record is of a session that has ended");
            }
            var session = new SessionCost
            {
                SessionType = sessionType,
                Name = parseResult.GetValue(name)!,
                StartedAt = started,
                EndedAt = ended,
                Estimate = estimate,
                ActualUsd = parseResult.IsGiven(actualUsd) ? parseResult.GetValue(actualUsd) : null,
            };

            using var services = CostServices.Create(environment, parseResult, stateDirectory);
            var recorded = await services.Record.RecordAsync(session, reservationId, cancellationToken).ConfigureAwait(false);
            CostServices.WarnKeptInOutbox(
                environment,
                recorded,
                reservationId is not null && !BudgetGate.IsUnstored(reservationId) ? $"; reservation {reservationId} is settled if the store received the step before the connection failed, else it counts until it expires" : string.Empty);

            try
            {
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(environment.Out, SessionDocument.From(session), CliJsonContext.Default.SessionDocument);
                }
                else
                {
                    environment.Out.Write(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Recorded {session.SessionType} session \"{session.Name}\": {estimate}{(session.ActualUsd is { } actual ? $", actual {Figures.Usd(actual)}" : string.Empty)} in {recorded.StoredIn}\n"));
                }

                if (recorded.Settled is { } settled)
                {
                    await ReportSettleAsync(environment, services, reservationId!, settled, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
                    if (settled.Overshoot.Count > 0)
                    {
                        // Nothing is lost (the session is recorded), but the budget was spent past: say so, and exit as a budget exceeded.
                        environment.Error.Write(
                            $"omk: budget overshoot: reservation {reservationId} had {(settled.State == ReservationState.Expired ? "expired" : "gone")} and its money went to other runs; the session is recorded and {string.Join("; ", settled.Overshoot.Select(BudgetText.Describe))}\n");
                        return ExitCodes.BudgetExceeded;
                    }
                }
            }
            catch (StandardOutputException exception)
            {
                // The session is stored: say so, lest the record be run again and counted twice.
                throw exception.After($"recorded the session in {recorded.StoredIn}");
            }

            return ExitCodes.Success;

            // A time more than a few minutes ahead of the clock is a wrong day or year, not a session that happened.
            DateTimeOffset NotFuture(Option<TimeBound> option, DateTimeOffset moment)
            {
                if (moment > now + InputLimits.FutureTolerance)
                {
                    throw new CommandLineException(
                        $"{option.Name} {parseResult.GetValue(option).Text} is in the future (now is {TimeBound.Shown(TimeZoneInfo.ConvertTime(now, zone), isDate: false)} {zone.Id}): a session is recorded once it has happened");
                }

                return moment.ToUniversalTime();
            }

            CostEstimate Kind(string context, Option[] notApplying, string multiplies, Func<CostEstimate> estimateIt)
            {
                CliCommand.Forbid(parseResult, context, notApplying);
                EstimateOptions.RequireSize(secs: Duration.ToEstimatorSeconds(RunSeconds()), "a recorded", multiplies);
                return estimateIt();
            }

            // The run's length: --duration, or the time between --started-at and --ended-at; both must agree.
            ulong RunSeconds()
            {
                if (!parseResult.IsGiven(startedAt) || !parseResult.IsGiven(endedAt))
                {
                    return parseResult.GetValue(duration);
                }

                var zone = TimeZoneOption.Resolve(parseResult, environment);
                var now = environment.TimeProvider.GetUtcNow();
                var between = parseResult.GetValue(endedAt).Start(zone, now) - parseResult.GetValue(startedAt).Start(zone, now);
                if (between < TimeSpan.Zero)
                {
                    throw new CommandLineException("--ended-at is before --started-at");
                }

                var seconds = (ulong)between.TotalSeconds;
                if (parseResult.IsGiven(duration) && parseResult.GetValue(duration) != seconds)
                {
                    throw new CommandLineException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"--duration {parseResult.GetValue(duration)}s does not match --started-at to --ended-at ({seconds}s): give two of the three"));
                }

                return seconds;
            }
        });
        return command;
    }

    /// <summary>
    /// Gets the type of the run a reservation was gated for, for a settle without <c>--type</c>: the session takes it.
    /// </summary>
    private static async Task<string> ReservedTypeAsync(CliEnvironment environment, ParseResult parseResult, Option<string> stateDirectory, string? reservationId, CancellationToken cancellationToken)
    {
        if (reservationId is null || BudgetGate.IsUnstored(reservationId))
        {
            throw new CommandLineException("give --type (a settle with --reservation may leave it out: it takes the type its gate fixed)");
        }

        using var services = CostServices.Create(environment, parseResult, stateDirectory);
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
                environment.Error.Write($"omk: reservation {id} had expired and no longer counted; the session is recorded and the reservation removed\n");
                break;
            case ReservationState.NotFound:
                environment.Error.Write($"omk: there is no reservation {id} (it may have been released, or swept a week after it expired); the session is recorded all the same\n");
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
