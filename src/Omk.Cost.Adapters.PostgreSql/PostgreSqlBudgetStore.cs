using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Budgets;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Keeps budgets and reservations in the team store (<c>omk_cost.budgets</c>, <c>omk_cost.reservations</c>), beside
/// the sessions, so that one budget holds for every machine.
/// </summary>
/// <remarks>
/// A change is one transaction that first locks the one row of <c>omk_cost.gate_lock</c> (<c>FOR UPDATE</c>, which only
/// roles granted omk's privileges can take): every gate, settle and release of every machine runs one after another,
/// each reading what the previous one committed, so racing gates never admit more than a limit. The lock is waited for
/// at most <see cref="LockWait"/>; then the step fails closed, naming the sessions that hold it. "Now", for expiry and
/// for the budgets' periods, is the server's clock inside the step, so that machines whose clocks differ agree. A read
/// is one repeatable-read snapshot. The spend is added up by the server. Reservations carry the database role that
/// made them: under the roles of <c>docs/team-store-roles.sql</c> a member removes only their own (or expired ones),
/// and a step that must remove another member's reservation fails whole.
/// </remarks>
internal sealed class PostgreSqlBudgetStore : IBudgetStore, IAsyncDisposable, IDisposable
{
    /// <summary>The longest a step waits for the gate's lock by default: 10 seconds.</summary>
    internal static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(10);

    private const string HoldersSql =
        """
        SELECT a.pid, coalesce(a.usename, '?'), coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''),
               coalesce(extract(epoch FROM clock_timestamp() - a.xact_start)::bigint, -1)
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'relation' AND l.relation = 'omk_cost.gate_lock'::regclass AND l.granted AND l.pid <> pg_backend_pid()
        ORDER BY a.xact_start NULLS LAST
        """;

    /// <summary>
    /// The spend of each period and type asked (<c>$1</c> starts, <c>$2</c> ends, <c>$3</c> types, null for every type),
    /// in the order asked, each summed over the <c>started_ticks</c> index by the rule of <see cref="BudgetSpend"/>.
    /// </summary>
    private const string SpentSql =
        """
        SELECT (SELECT least(coalesce(sum(coalesce(actual_usd, estimated_usd)), 0), 79228162514264337593543950335)
                FROM omk_cost.sessions
                WHERE started_ticks >= q.start_ticks AND started_ticks < q.end_ticks
                  AND (q.session_type IS NULL OR lower(session_type) = lower(q.session_type)))
        FROM unnest($1::bigint[], $2::bigint[], $3::text[]) WITH ORDINALITY AS q(start_ticks, end_ticks, session_type, position)
        ORDER BY q.position
        """;

    private const string RecordedSql =
        "SELECT id, coalesce(actual_usd, estimated_usd) FROM omk_cost.sessions WHERE id = ANY($1)";

    private readonly PostgreSqlStore _store;
    private readonly bool _ownsStore;

    /// <inheritdoc/>
    public string ReservationsLocation => _store.Display;

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlBudgetStore"/> class.</summary>
    /// <param name="options">Which store, how long to wait for it, and who records.</param>
    public PostgreSqlBudgetStore(IOptions<PostgreSqlCostOptions> options)
        : this(new PostgreSqlStore(options), ownsStore: true)
    {
    }

    internal PostgreSqlBudgetStore(PostgreSqlStore store, bool ownsStore)
    {
        _store = store;
        _ownsStore = ownsStore;
        var commandTimeout = TimeSpan.FromSeconds(Math.Max(2, new NpgsqlConnectionStringBuilder(store.Settings).CommandTimeout));
        LockWait = commandTimeout / 2 < DefaultLockWait ? commandTimeout / 2 : DefaultLockWait;
    }

    /// <summary>
    /// Gets or sets how long a step waits for the gate's lock before it fails closed: 10 seconds, or half the command
    /// timeout when that is shorter, so that the wait always ends with the lock's own error, never a timeout that could
    /// pass for an unreachable server.
    /// </summary>
    internal TimeSpan LockWait { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether steps use the caller's clock instead of the server's: for tests whose
    /// clock is fake. The default is <see langword="false"/>.
    /// </summary>
    internal bool UseCallerClock { get; set; }

    /// <inheritdoc/>
    public async Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await ReadOnceAsync(read, checkSchema: !_store.SchemaReady, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaNotCurrentException)
        {
            return await ReadOnceAsync(read, checkSchema: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Fails closed (<see cref="CostStoreException"/>, never <see cref="CostStoreUnavailableException"/>) when the gate's
    /// lock is not had within <see cref="LockWait"/> or the server, once reached, does not answer in time: a server that
    /// is up never passes for one that cannot be reached.
    /// </remarks>
    public async Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        try
        {
            return await ChangeOnceAsync(decide, checkSchema: !_store.SchemaReady, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaNotCurrentException)
        {
            return await ChangeOnceAsync(decide, checkSchema: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One read; with <paramref name="checkSchema"/>, the schema's version is read in the step's first batch.</summary>
    private async Task<TResult> ReadOnceAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, bool checkSchema, CancellationToken cancellationToken)
    {
        var connection = checkSchema ? await _store.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false) : await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var ledger = await LoadAsync(connection, transaction, lockWait: null, checkSchema, cancellationToken).ConfigureAwait(false);
                    var result = await read(ledger, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not read the budgets of", exception, "SELECT on omk_cost.budgets and omk_cost.reservations");
            }
        }
    }

    /// <summary>One change; with <paramref name="checkSchema"/>, the schema's version is read in the step's first batch.</summary>
    private async Task<TResult> ChangeOnceAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, bool checkSchema, CancellationToken cancellationToken)
    {
        var connection = checkSchema ? await _store.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false) : await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var ledger = await LoadAsync(connection, transaction, LockWait, checkSchema, cancellationToken).ConfigureAwait(false);
                    var change = await decide(ledger, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    await ApplyAsync(connection, transaction, ledger, change, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return change.Result;
                }
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                throw new CostStoreException(
                    $"could not take the budget lock of the team store {_store.Display} within {Seconds(LockWait)}: {await HoldersAsync(connection).ConfigureAwait(false)}; nothing was decided (a gate fails closed, --fail-open or not)",
                    exception);
            }
            catch (NpgsqlException exception)
            {
                var failure = _store.Failure("could not change the budgets of", exception, "INSERT and DELETE on omk_cost.reservations, UPDATE on omk_cost.gate_lock (budgets are set by the admin role)");
                if (failure is CostStoreUnavailableException && IsTimeout(exception))
                {
                    // The server was reached and is up: a slow answer is not an outage.
                    throw new CostStoreException($"{failure.Message} (the server is up but did not answer in time; nothing was decided)", exception);
                }

                throw failure;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsStore)
        {
            _store.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _ownsStore ? _store.DisposeAsync() : ValueTask.CompletedTask;

    private static bool IsTimeout(Exception exception) =>
        exception is NpgsqlException { InnerException: TimeoutException } or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled };

    private static string Seconds(TimeSpan wait) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0.#} s");

    /// <summary>Names the sessions that hold the gate's lock, for the message of a step that could not take it.</summary>
    private static async Task<string> HoldersAsync(NpgsqlConnection connection)
    {
        try
        {
            using var command = new NpgsqlCommand(HoldersSql, connection);
            var holders = new List<string>();
            var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    // A role without pg_read_all_stats sees the role and application of another member's session, not always more.
                    var application = reader.GetString(2);
                    var from = reader.GetString(3);
                    var seconds = reader.GetInt64(4);
                    holders.Add(string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"role {reader.GetString(1)} (process {reader.GetInt32(0)}{(application.Length > 0 ? $", application {application}" : string.Empty)}{(from.Length > 0 ? $", from {from}" : string.Empty)}{(seconds >= 0 ? $", in its transaction for {seconds} s" : string.Empty)})"));
                }
            }

            return holders.Count == 0
                ? "another session held it and let it go since"
                : $"it is held by {string.Join("; ", holders)}";
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            return "another session holds it (who, the server would not say)";
        }
    }

    /// <summary>
    /// Reads what a step sees in one round trip (one batch of statements, in order): for a change, the gate's lock
    /// first (<c>FOR UPDATE</c>, waiting at most <paramref name="lockWait"/>), then the server's time (read after the lock
    /// was had, unless the caller's clock is used), the budgets and the reservations.
    /// </summary>
    /// <param name="connection">The step's connection.</param>
    /// <param name="transaction">The step's transaction.</param>
    /// <param name="lockWait">How long to wait for the gate's lock, or null for a read, which takes no lock.</param>
    /// <param name="checkSchema">Whether to read the schema's version first, for a connection that was opened unchecked.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <exception cref="SchemaNotCurrentException">The schema is not this omk's, or not there: start again checked.</exception>
    private async Task<Ledger> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan? lockWait, bool checkSchema, CancellationToken cancellationToken)
    {
        try
        {
            return await LoadBatchAsync(connection, transaction, lockWait, checkSchema, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (checkSchema && exception.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            throw new SchemaNotCurrentException();
        }
    }

    private async Task<Ledger> LoadBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeSpan? lockWait, bool checkSchema, CancellationToken cancellationToken)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        if (checkSchema)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SchemaMigrator.VersionSql));
        }

        if (lockWait is { } wait)
        {
            var milliseconds = ((long)Math.Max(1, wait.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {milliseconds}"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM (SELECT id FROM omk_cost.gate_lock WHERE id = 1 FOR UPDATE) AS locked"));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(UseCallerClock ? "SELECT NULL::timestamptz" : "SELECT clock_timestamp()"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT name, limit_usd, period, session_type, warn_at_percent, time_zone FROM omk_cost.budgets ORDER BY seq"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, amount_usd, session_type, name, budgets, created_ticks, expires_ticks, recorded_user, recorded_host, database_user FROM omk_cost.reservations ORDER BY created_ticks, id"));
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (checkSchema)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (!_store.Accept(reader.GetInt32(0)))
                {
                    throw new SchemaNotCurrentException();
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            if (lockWait is not null)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (reader.GetInt64(0) == 0)
                {
                    throw new CostStoreException($"the team store {_store.Display} has no row in omk_cost.gate_lock, so budget steps cannot be serialised: run 'omk cost store migrate' as the store's admin, or insert (1)");
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            DateTimeOffset? now = reader.IsDBNull(0) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc));
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var budgets = new List<BudgetPolicy>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                budgets.Add(new BudgetPolicy
                {
                    Name = reader.GetString(0),
                    LimitUsd = reader.GetDecimal(1),
                    Period = Enum.Parse<BudgetPeriodKind>(reader.GetString(2)),
                    SessionType = reader.IsDBNull(3) ? null : reader.GetString(3),
                    WarnAtPercent = reader.IsDBNull(4) ? null : reader.GetDecimal(4),
                    TimeZoneId = reader.GetString(5),
                });
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var reservations = new List<Reservation>();
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reservations.Add(new Reservation
                {
                    Id = reader.GetString(0),
                    AmountUsd = reader.GetDecimal(1),
                    SessionType = reader.IsDBNull(2) ? null : reader.GetString(2),
                    Name = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Budgets = reader.GetFieldValue<string[]>(4),
                    CreatedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                    ExpiresAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                    User = reader.GetString(7),
                    Host = reader.GetString(8),
                });
                owners[reader.GetString(0)] = reader.GetString(9);
            }

            return new Ledger(connection, transaction, budgets, reservations, owners, now);
        }
    }

    private async Task ApplyAsync<TResult>(NpgsqlConnection connection, NpgsqlTransaction transaction, Ledger ledger, BudgetChange<TResult> change, CancellationToken cancellationToken)
    {
        if (change.Record is { } session)
        {
            using var record = new NpgsqlCommand(PostgreSqlCostSink.AppendSql, connection, transaction);
            SessionRow.AddParameters(record.Parameters, session, session.Id ?? SessionIds.NewRecordId(), _store.UserName, _store.HostName);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.SetBudget is { } policy)
        {
            using var set = new NpgsqlCommand(
                """
                INSERT INTO omk_cost.budgets (name_key, name, limit_usd, period, session_type, warn_at_percent, time_zone)
                VALUES (lower($1), $1, $2, $3, $4, $5, $6)
                ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, limit_usd = excluded.limit_usd, period = excluded.period,
                    session_type = excluded.session_type, warn_at_percent = excluded.warn_at_percent, time_zone = excluded.time_zone
                """,
                connection,
                transaction);
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = policy.Name });
            set.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = policy.LimitUsd });
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = policy.Period.ToString() });
            set.Parameters.Add(SessionRow.Text(policy.SessionType));
            set.Parameters.Add(policy.WarnAtPercent is { } warnAt
                ? new NpgsqlParameter<decimal> { TypedValue = warnAt }
                : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = policy.TimeZoneId });
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.RemoveBudget is { } name)
        {
            using var remove = new NpgsqlCommand("DELETE FROM omk_cost.budgets WHERE name_key = lower($1)", connection, transaction);
            remove.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            await remove.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (change.RemoveReservations.Count > 0)
        {
            // Row-level security removes only what this role may: a sweep leaves the rest, a settle, release or
            // extension of another member's reservation fails whole.
            using var remove = new NpgsqlCommand("DELETE FROM omk_cost.reservations WHERE id = ANY($1) RETURNING id", connection, transaction);
            remove.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. change.RemoveReservations] });
            var removed = new HashSet<string>(StringComparer.Ordinal);
            var reader = await remove.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    removed.Add(reader.GetString(0));
                }
            }

            if (change.ClosedReservations.FirstOrDefault(id => !removed.Contains(id) && ledger.Owners.ContainsKey(id)) is { } kept)
            {
                throw new CostStoreException(
                    $"reservation {kept} of the team store {_store.Display} was made by the role {ledger.Owners[kept]}: only that role or the store's admin may settle, release or extend it; nothing was changed");
            }
        }

        if (change.AddReservation is { } reservation)
        {
            using var add = new NpgsqlCommand(
                """
                INSERT INTO omk_cost.reservations (id, amount_usd, session_type, name, budgets, created_ticks, expires_ticks, created_at, expires_at, recorded_user, recorded_host)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                connection,
                transaction);
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reservation.Id });
            add.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = reservation.AmountUsd });
            add.Parameters.Add(SessionRow.Text(reservation.SessionType));
            add.Parameters.Add(SessionRow.Text(reservation.Name));
            add.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. reservation.Budgets] });
            add.Parameters.Add(new NpgsqlParameter<long> { TypedValue = reservation.CreatedAt.UtcTicks });
            add.Parameters.Add(new NpgsqlParameter<long> { TypedValue = reservation.ExpiresAt.UtcTicks });
            add.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = SessionRow.Microseconds(reservation.CreatedAt) });
            add.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = SessionRow.Microseconds(reservation.ExpiresAt) });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reservation.User ?? _store.UserName });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reservation.Host ?? _store.HostName });
            await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What one step sees; the spend is asked of the server inside the step's transaction.</summary>
    private sealed class Ledger(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<BudgetPolicy> budgets,
        IReadOnlyList<Reservation> reservations,
        IReadOnlyDictionary<string, string> owners,
        DateTimeOffset? now) : IBudgetLedger
    {
        public IReadOnlyList<BudgetPolicy> Budgets { get; } = budgets;

        public DateTimeOffset? Now { get; } = now;

        /// <summary>Gets the database role that made each reservation, by id.</summary>
        public IReadOnlyDictionary<string, string> Owners { get; } = owners;

        public IReadOnlyList<Reservation> Reservations { get; } = reservations;

        public async ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken) =>
            (await SpentAsync([(period, sessionType)], cancellationToken).ConfigureAwait(false))[0];

        /// <remarks>One statement for every query: one round trip to the server.</remarks>
        public async ValueTask<IReadOnlyList<decimal>> SpentAsync(IReadOnlyList<(BudgetPeriod Period, string? SessionType)> queries, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(queries);
            using var command = new NpgsqlCommand(SpentSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. queries.Select(static query => query.Period.Start?.UtcTicks ?? long.MinValue)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. queries.Select(static query => query.Period.End?.UtcTicks ?? long.MaxValue)] });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. queries.Select(static query => query.SessionType)] });
            var spent = new List<decimal>(queries.Count);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    spent.Add(reader.GetDecimal(0));
                }
            }

            return spent;
        }

        /// <remarks>A session's id is unique in the team store: each id is one row at most.</remarks>
        public async ValueTask<IReadOnlyDictionary<string, decimal>> RecordedAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(ids);
            var found = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (ids.Count == 0)
            {
                return found;
            }

            using var command = new NpgsqlCommand(RecordedSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found[reader.GetString(0)] = reader.GetDecimal(1);
                }
            }

            return found;
        }
    }

    /// <summary>A step's first batch found the schema missing or not this omk's: the step starts again through <see cref="PostgreSqlStore.OpenAsync"/>.</summary>
    private sealed class SchemaNotCurrentException : Exception
    {
    }
}
