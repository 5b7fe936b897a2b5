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
/// A change is one transaction that first takes a transaction-level advisory lock (<c>pg_advisory_xact_lock</c>):
/// every gate, settle and release of every machine runs one after another, each reading what the previous one
/// committed, so racing gates never admit more than a limit. A read is one repeatable-read snapshot. The spend is
/// added up by the server.
/// </remarks>
public sealed class PostgreSqlBudgetStore : IBudgetStore, IAsyncDisposable, IDisposable
{
    /// <summary>The advisory lock of the budget step: the ASCII bytes of <c>omk_gate</c>.</summary>
    internal const long GateLockKey = 0x6F6D6B5F67617465;

    private const string SpentSql =
        """
        SELECT least(coalesce(sum(coalesce(actual_usd, estimated_usd)), 0), 79228162514264337593543950335)
        FROM omk_cost.sessions
        WHERE started_ticks >= $1 AND started_ticks < $2 AND ($3::text IS NULL OR lower(session_type) = lower($3::text))
        """;

    private readonly PostgreSqlStore _store;
    private readonly bool _ownsStore;

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
    }

    /// <inheritdoc/>
    public async Task<TResult> ReadAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var ledger = await LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
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

    /// <inheritdoc/>
    public async Task<TResult> ChangeAsync<TResult>(Func<IBudgetLedger, CancellationToken, ValueTask<BudgetChange<TResult>>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({GateLockKey})", cancellationToken).ConfigureAwait(false);
                    var ledger = await LoadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    var change = await decide(ledger, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    await ApplyAsync(connection, transaction, change, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return change.Result;
                }
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not change the budgets of", exception, "INSERT, UPDATE and DELETE on omk_cost.budgets and omk_cost.reservations (budgets are set by the admin role)");
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

    private static async Task<Ledger> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var budgets = new List<BudgetPolicy>();
        using (var command = new NpgsqlCommand("SELECT name, limit_usd, period, session_type, warn_at_percent, time_zone FROM omk_cost.budgets ORDER BY seq", connection, transaction))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
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
            }
        }

        var reservations = new List<Reservation>();
        using (var command = new NpgsqlCommand("SELECT id, amount_usd, session_type, name, budgets, created_ticks, expires_ticks FROM omk_cost.reservations ORDER BY created_ticks, id", connection, transaction))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
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
                    });
                }
            }
        }

        return new Ledger(connection, transaction, budgets, reservations);
    }

    private async Task ApplyAsync<TResult>(NpgsqlConnection connection, NpgsqlTransaction transaction, BudgetChange<TResult> change, CancellationToken cancellationToken)
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
            using var remove = new NpgsqlCommand("DELETE FROM omk_cost.reservations WHERE id = ANY($1)", connection, transaction);
            remove.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. change.RemoveReservations] });
            await remove.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _store.UserName });
            add.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _store.HostName });
            await add.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What one step sees; the spend is asked of the server inside the step's transaction.</summary>
    private sealed class Ledger(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<BudgetPolicy> budgets, IReadOnlyList<Reservation> reservations) : IBudgetLedger
    {
        public IReadOnlyList<BudgetPolicy> Budgets { get; } = budgets;

        public IReadOnlyList<Reservation> Reservations { get; } = reservations;

        public async ValueTask<decimal> SpentAsync(BudgetPeriod period, string? sessionType, CancellationToken cancellationToken)
        {
            using var command = new NpgsqlCommand(SpentSql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = period.Start?.UtcTicks ?? long.MinValue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = period.End?.UtcTicks ?? long.MaxValue });
            command.Parameters.Add(SessionRow.Text(sessionType));
            return (decimal)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
