
namespace Omk.Cost.Domain.Budgets;

/// <summary>
/// Budgets that act before the money is spent: a gate reserves what a run will cost when it fits every budget that
/// applies, the run's record settles the reservation, and a run that does not happen releases it.
/// </summary>
/// <remarks>
/// Each change is one atomic step of the <see cref="IBudgetStore"/>: it reads the spend, the budgets and the
/// reservations, applies the admission rule (spent + reserved + amount ≤ limit, for every budget that applies) and
/// writes, so gates that race never admit more than a limit. Expired reservations stop counting at once; they stay
/// listed for <see cref="Reservation.KeptAfterExpiry"/> (so that a late settle is named, and an orphan seen) and are
/// swept by the next change after that. "Now" is the store's clock where it has one (<see cref="IBudgetLedger.Now"/>).
/// </remarks>
public sealed class BudgetGate
{
    /// <summary>How the id of a reservation that no store holds begins (<see cref="AdmitUnchecked"/>).</summary>
    private const string UnstoredPrefix = "unstored-";

    private readonly IBudgetStore _store;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Initializes a new instance of the <see cref="BudgetGate"/> class.
    /// </summary>
    /// <param name="store">Where budgets, reservations and sessions are kept.</param>
    /// <param name="timeProvider">The clock that gives the current period and the reservations' expiry.</param>
    public BudgetGate(IBudgetStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// How far apart this gate's clock and a shared store's may be before a step tells <see cref="ClockSkewed"/>: 2 minutes.
    /// </summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets what a step calls when the store tells time by its own clock (a shared server's,
    /// <see cref="IBudgetLedger.Now"/>) and that clock differs from this gate's by more than <see cref="ClockTolerance"/>:
    /// with the store's time less this gate's (positive when this machine's clock is behind). Decisions go by the store's
    /// clock all the same; this is for a warning.
    /// </summary>
    public Action<TimeSpan>? ClockSkewed { get; set; }

    /// <summary>Gets where the store keeps its reservations, for messages.</summary>
    public string ReservationsLocation => _store.ReservationsLocation;

    /// <summary>
    /// Adds a budget, or replaces the budget of the same name (compared case-insensitively).
    /// </summary>
    /// <param name="policy">The budget.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>True when a budget of that name was replaced.</returns>
    /// <exception cref="ArgumentException">The policy is not valid.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<bool> SetBudgetAsync(BudgetPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        TimeZones.Find(policy);
        return _store.ChangeAsync(
            (ledger, _) =>
            {
                var replaced = ledger.Budgets.Any(budget => BudgetRules.Names.Equals(budget.Name, policy.Name));
                return ValueTask.FromResult(new BudgetChange<bool>
                {
                    Result = replaced,
                    SetBudget = policy,
                    RemoveReservations = BudgetRules.Expired(ledger.Reservations, Now(ledger)),
                });
            },
            cancellationToken);
    }

    /// <summary>
    /// Removes a budget.
    /// </summary>
    /// <param name="name">The budget's name, in any case.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>A task that completes when the budget is removed.</returns>
    /// <exception cref="BudgetNotFoundException">There is no budget of that name.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task RemoveBudgetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _store.ChangeAsync(
            (ledger, _) =>
            {
                var budget = BudgetRules.Find(ledger.Budgets, name);
                return ValueTask.FromResult(new BudgetChange<bool>
                {
                    Result = true,
                    RemoveBudget = budget.Name,
                    RemoveReservations = BudgetRules.Expired(ledger.Reservations, Now(ledger)),
                });
            },
            cancellationToken);
    }

    /// <summary>
    /// Lists the budgets, in the order they were first set.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The budgets.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<IReadOnlyList<BudgetPolicy>> ListBudgetsAsync(CancellationToken cancellationToken = default) =>
        _store.ReadAsync((ledger, _) => ValueTask.FromResult(ledger.Budgets), cancellationToken);

    /// <summary>
    /// Gets where budgets stand in their current periods: spent, reserved, remaining.
    /// </summary>
    /// <param name="names">The budgets to check; null or empty for all of them.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>One standing per budget, in the order asked for (else the order they were set in).</returns>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<IReadOnlyList<BudgetStanding>> CheckAsync(IReadOnlyCollection<string>? names = null, CancellationToken cancellationToken = default) =>
        _store.ReadAsync(
            (ledger, token) => StandingsAsync(ledger, BudgetRules.Named(ledger.Budgets, names ?? []), Now(ledger), token),
            cancellationToken);

    /// <summary>
    /// Gets the spend that a budget of a period and type counts, reservations aside: sessions that started in the period,
    /// of the type (every type when null), each with its actual cost where known, else its estimate.
    /// </summary>
    /// <param name="period">The period.</param>
    /// <param name="sessionType">The type, or null for every type.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The spend in US dollars.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<decimal> SpentAsync(BudgetPeriod period, string? sessionType = null, CancellationToken cancellationToken = default) =>
        _store.ReadAsync((ledger, token) => ledger.SpentAsync(period, sessionType, token), cancellationToken);

    /// <summary>
    /// Gets where budgets stand like <see cref="CheckAsync"/>, without waiting for a change in progress (for a shell
    /// prompt): a check that overlaps a settle may count the settled run twice, never not at all.
    /// </summary>
    /// <param name="names">The budgets to check; null or empty for all of them.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>One standing per budget, in the order asked for (else the order they were set in).</returns>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<IReadOnlyList<BudgetStanding>> PeekAsync(IReadOnlyCollection<string>? names = null, CancellationToken cancellationToken = default) =>
        _store.PeekAsync(
            (ledger, token) => StandingsAsync(ledger, BudgetRules.Named(ledger.Budgets, names ?? []), Now(ledger), token),
            cancellationToken);

    /// <summary>
    /// Peeks at every budget's standing like <see cref="PeekAsync(IReadOnlyCollection{string}, CancellationToken)"/>,
    /// and lets the caller ask the same ledger for more (other periods' spend, what some sessions recorded), so that
    /// everything it reads stands between the same two steps.
    /// </summary>
    /// <typeparam name="TResult">The type of what is read.</typeparam>
    /// <param name="read">Gets the standings of every budget and the ledger; it must not keep the ledger after it returns.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<TResult> PeekLedgerAsync<TResult>(Func<IReadOnlyList<BudgetStanding>, IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _store.PeekAsync(
            async (ledger, token) =>
            {
                var standings = await StandingsAsync(ledger, ledger.Budgets, Now(ledger), token).ConfigureAwait(false);
                return await read(standings, ledger, token).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// Reserves money for a run when it fits every budget that applies: every budget that covers the run's type (every
    /// budget for a run without a type), and the named ones besides. The run's type is kept with the reservation: its
    /// settle must be of that type. A refused gate writes nothing.
    /// </summary>
    /// <param name="request">What to reserve.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservation, or the budgets it would exceed.</returns>
    /// <exception cref="ArgumentException">The amount is negative or the time to live is not positive.</exception>
    /// <exception cref="BudgetNotFoundException">A named budget does not exist.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<GateDecision> ReserveAsync(ReservationRequest request, CancellationToken cancellationToken = default)
    {
        Check(request);
        return _store.ChangeAsync(
            async (ledger, token) =>
            {
                var now = Now(ledger);
                var budgets = BudgetRules.Applicable(ledger.Budgets, request.SessionType, request.Budgets);
                var standings = await StandingsAsync(ledger, budgets, now, token).ConfigureAwait(false);
                if (!BudgetRules.Admits(standings, request.AmountUsd))
                {
                    return new BudgetChange<GateDecision> { Result = new GateDecision(request.AmountUsd, null, standings) };
                }

                var reservation = new Reservation
                {
                    Id = NewId(),
                    AmountUsd = request.AmountUsd,
                    SessionType = request.SessionType,
                    Name = request.Name,
                    Budgets = [.. request.Budgets.Select(name => BudgetRules.Find(ledger.Budgets, name).Name).Distinct(BudgetRules.Names)],
                    CreatedAt = now,
                    ExpiresAt = ExpiryOf(now, request.TimeToLive),
                };
                return new BudgetChange<GateDecision>
                {
                    Result = new GateDecision(
                        request.AmountUsd,
                        reservation,
                        [.. standings.Select(standing => standing.WithReserved(request.AmountUsd) with { ReservationIds = [.. standing.ReservationIds, reservation.Id] })]),
                    AddReservation = reservation,
                    RemoveReservations = BudgetRules.Expired(ledger.Reservations, now),
                };
            },
            cancellationToken);
    }

    /// <summary>
    /// Admits a run without asking the store, for a gate told to fail open when the store cannot be reached: the
    /// reservation is never stored and holds no money, and its id says so (<see cref="IsUnstored"/>), so that its
    /// settle records the session alone and its release has nothing to give back.
    /// </summary>
    /// <param name="request">What the run would reserve.</param>
    /// <returns>An admitting decision that checked no budget.</returns>
    /// <exception cref="ArgumentException">The amount is negative or the time to live is not positive.</exception>
    public GateDecision AdmitUnchecked(ReservationRequest request)
    {
        Check(request);
        var now = Now();
        var reservation = new Reservation
        {
            Id = UnstoredPrefix + RandomHex(),
            AmountUsd = request.AmountUsd,
            SessionType = request.SessionType,
            Name = request.Name,
            Budgets = [.. request.Budgets],
            CreatedAt = now,
            ExpiresAt = ExpiryOf(now, request.TimeToLive),
        };
        return new GateDecision(request.AmountUsd, reservation, []);
    }

    /// <summary>Tells whether a reservation id is one of <see cref="AdmitUnchecked"/>, which no store holds.</summary>
    /// <param name="reservationId">The id a gate printed.</param>
    /// <returns><see langword="true"/> for an id of a run admitted without the store.</returns>
    public static bool IsUnstored(string reservationId)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        return reservationId.StartsWith(UnstoredPrefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Records a run's session and removes its reservation, in one step. A reservation that expired or does not exist
    /// does not stop the record; the outcome says what was found, and which budgets the session took past their limit
    /// with money the reservation no longer held (<see cref="ReservationOutcome.Overshoot"/>).
    /// </summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="session">The session to record; of the reservation's type when it has one.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found of the reservation, and the budgets that count the session as they stand after it.</returns>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    /// <exception cref="ReservationTypeMismatchException">The reservation was gated for another type; nothing is written.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<ReservationOutcome> SettleAsync(string reservationId, SessionCost session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        CostTracker.Validate(session);

        // One id for every attempt at this settle: a store that finds it recorded already records it no second time.
        session = session.Id is null ? session with { Id = SessionIds.ForSettle(reservationId) } : session;
        return _store.ChangeAsync(
            async (ledger, token) =>
            {
                var now = Now(ledger);
                var (outcome, remove, closed) = Close(ledger, reservationId, now);
                if (outcome.Reservation is { SessionType: { } gated } && !string.Equals(gated, session.SessionType, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ReservationTypeMismatchException(
                        $"reservation {reservationId} was gated for a run of type \"{gated}\", not \"{session.SessionType}\": settle it as {gated} (or without a type), or record the session without the reservation");
                }

                var left = ledger.Reservations.Where(reservation => !closed.Contains(reservation.Id, StringComparer.Ordinal)).ToList();
                var names = (outcome.Reservation?.Budgets ?? []).Where(name => ledger.Budgets.Any(budget => BudgetRules.Names.Equals(budget.Name, name))).ToList();
                var budgets = BudgetRules.Applicable(ledger.Budgets, session.SessionType, names);
                var standings = await StandingsAsync(ledger, budgets, now, left, token).ConfigureAwait(false);
                var after = standings
                    .Select(standing => BudgetSpend.Counts(session, standing.Period, standing.Policy.SessionType) || names.Contains(standing.Policy.Name, BudgetRules.Names)
                        ? standing with { SpentUsd = Saturating.Add(standing.SpentUsd, session.EffectiveUsd) }
                        : standing)
                    .ToList();
                return new BudgetChange<ReservationOutcome>
                {
                    Result = outcome with { Budgets = after },
                    Record = session,
                    RemoveReservations = remove,
                    ClosedReservations = closed,
                };
            },
            cancellationToken);
    }

    /// <summary>
    /// Gives a reservation back, for a run that did not happen.
    /// </summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found of the reservation.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written, or it lets no one but its maker remove the reservation.</exception>
    public Task<ReservationOutcome> ReleaseAsync(string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        return _store.ChangeAsync(
            (ledger, _) =>
            {
                var (outcome, remove, closed) = Close(ledger, reservationId, Now(ledger));
                return ValueTask.FromResult(new BudgetChange<ReservationOutcome> { Result = outcome, RemoveReservations = remove, ClosedReservations = closed });
            },
            cancellationToken);
    }

    /// <summary>
    /// Gives back every reservation of a run's name (the <c>--name</c> of its gate), for runs whose gate printed no id
    /// (it was killed, or its output was lost).
    /// </summary>
    /// <param name="name">The run's name, compared exactly.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations removed, oldest first; empty when none has that name.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written, or it lets no one but its maker remove one of them.</exception>
    public Task<IReadOnlyList<Reservation>> ReleaseNamedAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _store.ChangeAsync(
            (ledger, _) =>
            {
                var named = ledger.Reservations.Where(reservation => string.Equals(reservation.Name, name, StringComparison.Ordinal)).ToList();
                var closed = named.Select(static reservation => reservation.Id).ToList();
                return ValueTask.FromResult(new BudgetChange<IReadOnlyList<Reservation>>
                {
                    Result = named,
                    RemoveReservations = [.. BudgetRules.Expired(ledger.Reservations, Now(ledger)).Union(closed, StringComparer.Ordinal)],
                    ClosedReservations = closed,
                });
            },
            cancellationToken);
    }

    /// <summary>
    /// Removes every expired reservation now, rather than when it has been expired for <see cref="Reservation.KeptAfterExpiry"/>.
    /// Expired reservations hold no money: this only tidies the list.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations removed, oldest first.</returns>
    /// <exception cref="CostStoreException">The store cannot be read or written.</exception>
    public Task<IReadOnlyList<Reservation>> ReleaseExpiredAsync(CancellationToken cancellationToken = default) =>
        _store.ChangeAsync(
            (ledger, _) =>
            {
                var now = Now(ledger);
                var expired = ledger.Reservations.Where(reservation => !reservation.IsActiveAt(now)).ToList();
                return ValueTask.FromResult(new BudgetChange<IReadOnlyList<Reservation>>
                {
                    Result = expired,
                    RemoveReservations = [.. expired.Select(static reservation => reservation.Id)],
                });
            },
            cancellationToken);

    /// <summary>
    /// Lets a reservation count longer, for a run that is still going: an active one lives until at least
    /// <paramref name="timeToLive"/> from now (an extension never shortens it); an expired one is renewed only when
    /// its amount still fits every budget it counts against, as a gate would check it.
    /// </summary>
    /// <param name="reservationId">The reservation the gate returned.</param>
    /// <param name="timeToLive">How long from now it counts at least; null for <see cref="ReservationRequest.MinimumDefaultTimeToLive"/>.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>What was found of the reservation and whether it now lives longer.</returns>
    /// <exception cref="ArgumentException">The time to live is not positive.</exception>
    /// <exception cref="CostStoreException">The store cannot be read or written, or it lets no one but its maker change the reservation.</exception>
    public Task<ReservationExtension> ExtendAsync(string reservationId, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservationId);
        var ttl = timeToLive ?? ReservationRequest.MinimumDefaultTimeToLive;
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException("A reservation must live for some time.", nameof(timeToLive));
        }

        return _store.ChangeAsync(
            async (ledger, token) =>
            {
                var now = Now(ledger);
                var sweep = BudgetRules.Expired(ledger.Reservations, now);
                var found = ledger.Reservations.FirstOrDefault(reservation => string.Equals(reservation.Id, reservationId, StringComparison.Ordinal));
                if (found is null)
                {
                    return new BudgetChange<ReservationExtension> { Result = new ReservationExtension(ReservationState.NotFound, null, false), RemoveReservations = sweep };
                }

                var state = found.IsActiveAt(now) ? ReservationState.Active : ReservationState.Expired;
                if (state == ReservationState.Expired)
                {
                    // Its money may have gone to other runs since: renew it only where a gate would admit it again.
                    var others = ledger.Reservations.Where(reservation => !ReferenceEquals(reservation, found)).ToList();
                    var budgets = ledger.Budgets.Where(budget => BudgetRules.Counts(budget, found)).ToList();
                    var standings = await StandingsAsync(ledger, budgets, found.CreatedAt, now, others, token).ConfigureAwait(false);
                    if (!BudgetRules.Admits(standings, found.AmountUsd))
                    {
                        return new BudgetChange<ReservationExtension>
                        {
                            Result = new ReservationExtension(state, found, false) { Exceeding = [.. standings.Where(standing => !standing.Admits(found.AmountUsd))] },
                            RemoveReservations = [.. sweep.Where(id => !string.Equals(id, found.Id, StringComparison.Ordinal))],
                        };
                    }
                }

                var expiry = ExpiryOf(now, ttl);
                var extended = found with { ExpiresAt = expiry > found.ExpiresAt ? expiry : found.ExpiresAt };
                return new BudgetChange<ReservationExtension>
                {
                    Result = new ReservationExtension(state, extended, true),
                    RemoveReservations = [.. sweep.Union([found.Id], StringComparer.Ordinal)],
                    ClosedReservations = [found.Id],
                    AddReservation = extended,
                };
            },
            cancellationToken);
    }

    /// <summary>
    /// Lists every stored reservation, the expired ones not yet swept included, with the store's time they are read at.
    /// </summary>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The reservations, oldest first.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    public Task<ReservationListing> ListReservationsAsync(CancellationToken cancellationToken = default) =>
        _store.ReadAsync(
            (ledger, _) => ValueTask.FromResult(new ReservationListing(
                Now(ledger),
                [.. ledger.Reservations.OrderBy(static reservation => reservation.CreatedAt).ThenBy(static reservation => reservation.Id, StringComparer.Ordinal)])),
            cancellationToken);

    private static (ReservationOutcome Outcome, IReadOnlyList<string> Remove, IReadOnlyList<string> Closed) Close(IBudgetLedger ledger, string reservationId, DateTimeOffset now)
    {
        var remove = BudgetRules.Expired(ledger.Reservations, now).ToList();
        var found = ledger.Reservations.FirstOrDefault(reservation => string.Equals(reservation.Id, reservationId, StringComparison.Ordinal));
        if (found is null)
        {
            return (new ReservationOutcome(ReservationState.NotFound, null), remove, []);
        }

        if (!remove.Contains(found.Id, StringComparer.Ordinal))
        {
            remove.Add(found.Id);
        }

        return (new ReservationOutcome(found.IsActiveAt(now) ? ReservationState.Active : ReservationState.Expired, found), remove, [found.Id]);
    }

    private static ValueTask<IReadOnlyList<BudgetStanding>> StandingsAsync(
        IBudgetLedger ledger,
        IReadOnlyList<BudgetPolicy> budgets,
        DateTimeOffset now,
        CancellationToken cancellationToken) =>
        StandingsAsync(ledger, budgets, now, now, ledger.Reservations, cancellationToken);

    private static ValueTask<IReadOnlyList<BudgetStanding>> StandingsAsync(
        IBudgetLedger ledger,
        IReadOnlyList<BudgetPolicy> budgets,
        DateTimeOffset now,
        IReadOnlyList<Reservation> reservations,
        CancellationToken cancellationToken) =>
        StandingsAsync(ledger, budgets, now, now, reservations, cancellationToken);

    /// <summary>
    /// Gets where budgets stand in the periods that contain <paramref name="moment"/>, counting the reservations
    /// still active at <paramref name="now"/>.
    /// </summary>
    private static async ValueTask<IReadOnlyList<BudgetStanding>> StandingsAsync(
        IBudgetLedger ledger,
        IReadOnlyList<BudgetPolicy> budgets,
        DateTimeOffset moment,
        DateTimeOffset now,
        IReadOnlyList<Reservation> reservations,
        CancellationToken cancellationToken)
    {
        // Every budget's spend in one question to the ledger (one round trip to a server).
        var periods = budgets.Select(budget => BudgetPeriod.Containing(budget.Period, moment, TimeZones.Find(budget))).ToList();
        var spent = budgets.Count == 0
            ? []
            : await ledger.SpentAsync([.. budgets.Select((budget, index) => (periods[index], budget.SessionType))], cancellationToken).ConfigureAwait(false);
        var standings = new List<BudgetStanding>(budgets.Count);
        for (var index = 0; index < budgets.Count; index++)
        {
            var (budget, period) = (budgets[index], periods[index]);
            standings.Add(new BudgetStanding(budget, period, spent[index], BudgetRules.Reserved(budget, period, reservations, now))
            {
                ReservationIds = [.. BudgetRules.Counted(budget, period, reservations, now).Select(static reservation => reservation.Id)],
            });
        }

        return standings;
    }

    private static DateTimeOffset ExpiryOf(DateTimeOffset now, TimeSpan timeToLive) =>
        timeToLive >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + timeToLive;

    private static void Check(ReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AmountUsd < 0m)
        {
            throw new ArgumentException("A reservation cannot be negative.", nameof(request));
        }

        if (request.TimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentException("A reservation must live for some time.", nameof(request));
        }

        if ((SessionText.FindProblem(request.SessionType, "the reservation's session type") ?? SessionText.FindProblem(request.Name, "the reservation's name")) is { } problem)
        {
            throw new ArgumentException(problem, nameof(request));
        }
    }

    private static string NewId() => "r" + RandomHex();

    /// <summary>
    /// Gets 16 random hex digits (64 bits) from <see cref="Guid.NewGuid"/>, which on Linux draws them from the
    /// operating system's secure source (<c>getrandom</c>): <c>RandomNumberGenerator</c> would load OpenSSL, about 3 ms
    /// of a gate's process (docs/performance.md). In the order <see cref="Guid.TryWriteBytes(Span{byte})"/> writes them,
    /// a version 4 GUID's bytes 0 to 6 and 9 to 15 are random (7 holds the version, 8 the variant).
    /// </summary>
    private static string RandomHex()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ = Guid.NewGuid().TryWriteBytes(bytes);
        bytes[9..11].CopyTo(bytes[6..]);
        return Convert.ToHexStringLower(bytes[..8]);
    }

    private DateTimeOffset Now() => _timeProvider.GetUtcNow();

    /// <summary>The time of a step: the store's own where it has one (a shared server's), else this gate's clock.</summary>
    private DateTimeOffset Now(IBudgetLedger ledger)
    {
        var mine = Now();
        if (ledger.Now is not { } store)
        {
            return mine;
        }

        var difference = store - mine;
        if (difference.Duration() > ClockTolerance)
        {
            ClockSkewed?.Invoke(difference);
        }

        return store;
    }
}
