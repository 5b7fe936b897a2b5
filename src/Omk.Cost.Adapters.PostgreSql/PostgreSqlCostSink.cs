using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Npgsql;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// Stores the cost history of many machines in one PostgreSQL database (<c>omk_cost.sessions</c>).
/// </summary>
/// <remarks>
/// Every change is one statement in its own transaction, so a record is stored whole or not at all. A session
/// appended without an id gets a UUID v7; a session with an id is stored once however often it is sent, so a
/// record that is sent again (from the offline outbox) is not doubled. Reports are added up by the server.
/// When the server cannot be reached within the connect timeout the operations throw
/// <see cref="CostStoreUnavailableException"/>.
/// </remarks>
internal sealed class PostgreSqlCostSink : ICostSink, ICostSummarySource, ICostStoreMaintenance, IAsyncDisposable, IDisposable
{
    /// <summary>How many sessions one upsert statement carries.</summary>
    internal const int UpsertBatchSize = 5000;

    /// <summary>Inserts one session (<see cref="SessionRow.AddParameters"/>), once per id.</summary>
    internal static readonly string AppendSql =
        $"INSERT INTO omk_cost.sessions ({SessionRow.InsertColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21::jsonb) ON CONFLICT (id) DO NOTHING";

    /// <summary>
    /// The extra fields of a replaced session: the stored ones with the new session's over them (as the file store
    /// keeps the unknown keys of the version it replaces).
    /// </summary>
    private const string MergedExtra =
        "CASE WHEN excluded.extra IS NULL THEN sessions.extra WHEN sessions.extra IS NULL THEN excluded.extra ELSE sessions.extra || excluded.extra END";

    private static readonly string UpsertSql =
        $"""
        INSERT INTO omk_cost.sessions ({SessionRow.InsertColumns})
        SELECT i.id, i.session_type, i.name, i.started_at, i.started_ticks, i.ended_at, i.ended_ticks, i.input_tokens, i.output_tokens,
               i.duration_secs, i.worker_count, i.estimated_usd, i.tier, i.actual_usd, i.model, i.project, i.cache_read_tokens,
               i.cache_creation_tokens, $20, $21, i.extra::jsonb
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::timestamptz[], $7::bigint[], $8::numeric[],
                    $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::text[], $14::numeric[], $15::text[], $16::text[],
                    $17::numeric[], $18::numeric[], $19::text[])
             AS i(id, session_type, name, started_at, started_ticks, ended_at, ended_ticks, input_tokens, output_tokens, duration_secs,
                  worker_count, estimated_usd, tier, actual_usd, model, project, cache_read_tokens, cache_creation_tokens, extra)
        ON CONFLICT (id) DO UPDATE SET {string.Join(", ", SessionRow.ContentColumns.Select(static c => $"{c} = excluded.{c}"))}, extra = {MergedExtra}
        WHERE sessions.database_user = current_user
          AND ({string.Join(", ", SessionRow.ContentColumns.Select(static c => $"sessions.{c}"))}, sessions.extra)
              IS DISTINCT FROM ({string.Join(", ", SessionRow.ContentColumns.Select(static c => $"excluded.{c}"))}, {MergedExtra})
        RETURNING (xmax = 0)
        """;

    /// <summary>How many of the given ids another member recorded: rows the upsert leaves as they are.</summary>
    private const string ConflictsSql = "SELECT count(*) FROM omk_cost.sessions WHERE id = ANY($1) AND database_user <> current_user";

    private readonly PostgreSqlStore _store;
    private readonly bool _ownsStore;

    /// <summary>
    /// Initializes a new instance of the <see cref="PostgreSqlCostSink"/> class.
    /// </summary>
    /// <param name="options">Which store, how long to wait for it, and who records.</param>
    public PostgreSqlCostSink(IOptions<PostgreSqlCostOptions> options)
        : this(new PostgreSqlStore(options), ownsStore: true)
    {
    }

    internal PostgreSqlCostSink(PostgreSqlStore store, bool ownsStore)
    {
        _store = store;
        _ownsStore = ownsStore;
    }

    /// <inheritdoc/>
    /// <remarks>The store's address with its password removed.</remarks>
    public string Location => _store.Display;

    /// <inheritdoc/>
    public async Task AppendAsync(SessionCost session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(AppendSql, connection);
            SessionRow.AddParameters(command.Parameters, session, session.Id ?? SessionIds.NewRecordId(), _store.UserName, _store.HostName);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not record in", exception, "INSERT on omk_cost.sessions");
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>A dry run runs the same statements in a transaction that is rolled back, so it decides exactly as a real one.</remarks>
    public async Task<UpsertOutcome> UpsertAsync(IReadOnlyCollection<SessionCost> sessions, UpsertMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);

        // The same id twice in one call: the later one is what the store ends with, as in the file store.
        var latest = new Dictionary<string, SessionCost>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            ArgumentException.ThrowIfNullOrEmpty(session.Id, nameof(sessions));
            SessionRow.RefuseText(session);
            latest[session.Id] = session;
        }

        if (latest.Count == 0)
        {
            return default;
        }

        int added = 0, replaced = 0, conflicts = 0;
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    foreach (var batch in latest.Values.Chunk(UpsertBatchSize))
                    {
                        using (var others = new NpgsqlCommand(ConflictsSql, connection, transaction))
                        {
                            others.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(static session => session.Id!)] });
                            conflicts += (int)(long)(await others.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                        }

                        var (batchAdded, batchReplaced) = await UpsertBatchAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
                        added += batchAdded;
                        replaced += batchReplaced;
                    }

                    if (mode == UpsertMode.Apply)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not store sessions in", exception, "INSERT and UPDATE on omk_cost.sessions");
            }
        }

        return new UpsertOutcome(added, replaced, latest.Count - added - replaced - conflicts, conflicts);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SessionCost> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {SessionRow.SelectColumns} FROM omk_cost.sessions ORDER BY seq", connection);
            var reader = await ExecuteReaderAsync(command, "could not read", cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await ReadAsync(reader, cancellationToken).ConfigureAwait(false))
                {
                    yield return SessionRow.Read(reader);
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Days are the server's: <c>AT TIME ZONE</c> with the zone's IANA name. A zone the server does not know (a custom
    /// one) is added up here from the sessions instead, by the same rule.
    /// </remarks>
    public async IAsyncEnumerable<CostReportGroup> SummarizeAsync(CostReportQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var byDay = query.GroupBy is not (CostGrouping.Type or CostGrouping.Name);
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            if (byDay && !await KnowsZoneAsync(connection, query.TimeZone, cancellationToken).ConfigureAwait(false))
            {
                await foreach (var group in DaysOfSessionsAsync(connection, query, cancellationToken).ConfigureAwait(false))
                {
                    yield return group;
                }

                yield break;
            }

            using var command = new NpgsqlCommand(SummarySql.For(query.GroupBy), connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Since?.UtcTicks ?? long.MinValue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Until?.UtcTicks ?? long.MaxValue });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TimeZone.Id });
            var reader = await ExecuteReaderAsync(command, "could not report from", cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await ReadAsync(reader, cancellationToken).ConfigureAwait(false))
                {
                    yield return new CostReportGroup(
                        reader.GetString(0),
                        reader.GetInt64(1),
                        (ulong)reader.GetDecimal(2),
                        (ulong)reader.GetDecimal(3),
                        reader.GetDecimal(4),
                        reader.IsDBNull(5) ? null : reader.GetDecimal(5))
                    {
                        SpentUsd = reader.GetDecimal(6),
                    };
                }
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM omk_cost.sessions)", connection);
            try
            {
                return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not read", exception);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<ClearOutcome> ClearAsync(CancellationToken cancellationToken)
    {
        var connection = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("DELETE FROM omk_cost.sessions", connection);
            try
            {
                return new ClearOutcome(await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false), null);
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not remove the sessions of", exception, "DELETE on omk_cost.sessions (reset is for the admin role)");
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        [.. (await _store.MigrateAsync(cancellationToken).ConfigureAwait(false)).Select(static migration => $"{migration.Version:0000}_{migration.Name}")];

    /// <inheritdoc/>
    /// <remarks>The size is the table's with its indexes and TOAST data (<c>pg_total_relation_size</c>).</remarks>
    public async Task<CostStoreStatus> DescribeAsync(CancellationToken cancellationToken)
    {
        var connection = await _store.OpenUncheckedAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken).ConfigureAwait(false);
                if (version == 0)
                {
                    return new CostStoreStatus(Location, 0, SchemaMigrator.Latest, 0, 0);
                }

                using var command = new NpgsqlCommand("SELECT count(*), pg_total_relation_size('omk_cost.sessions') FROM omk_cost.sessions", connection);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    return new CostStoreStatus(Location, version, SchemaMigrator.Latest, reader.GetInt64(0), reader.GetInt64(1));
                }
            }
            catch (NpgsqlException exception)
            {
                throw _store.Failure("could not describe", exception);
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

    private async Task<(int Added, int Replaced)> UpsertBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SessionCost[] batch, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(UpsertSql, connection, transaction);
        AddBatchParameters(command.Parameters, batch);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _store.UserName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _store.HostName });
        int added = 0, replaced = 0;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetBoolean(0))
                {
                    added++;
                }
                else
                {
                    replaced++;
                }
            }
        }

        return (added, replaced);
    }

    private static void AddBatchParameters(NpgsqlParameterCollection parameters, SessionCost[] batch)
    {
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(static s => s.Id!)] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(static s => s.SessionType)] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(static s => s.Name)] });
        parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. batch.Select(static s => SessionRow.Microseconds(s.StartedAt))] });
        parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(static s => s.StartedAt.UtcTicks)] });
        parameters.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. batch.Select(static s => s.EndedAt is { } e ? SessionRow.Microseconds(e) : (DateTime?)null)] });
        parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = [.. batch.Select(static s => s.EndedAt?.UtcTicks)] });
        parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. batch.Select(static s => (decimal)s.Estimate.InputTokens)] });
        parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. batch.Select(static s => (decimal)s.Estimate.OutputTokens)] });
        parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. batch.Select(static s => (decimal)s.Estimate.DurationSecs)] });
        parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. batch.Select(static s => (decimal)s.Estimate.WorkerCount)] });
        parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. batch.Select(static s => s.Estimate.EstimatedUsd)] });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(static s => s.Estimate.Tier.Name())] });
        parameters.Add(new NpgsqlParameter<decimal?[]> { TypedValue = [.. batch.Select(static s => s.ActualUsd)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(static s => s.Details?.Model)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(static s => s.Details?.Project)] });
        parameters.Add(new NpgsqlParameter<decimal?[]> { TypedValue = [.. batch.Select(static s => (decimal?)s.Details?.CacheReadTokens)] });
        parameters.Add(new NpgsqlParameter<decimal?[]> { TypedValue = [.. batch.Select(static s => (decimal?)s.Details?.CacheCreationTokens)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(static s => s.ExtraFields?.Text)] });
    }

    private async Task<bool> KnowsZoneAsync(NpgsqlConnection connection, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (zone.Id == TimeZoneInfo.Utc.Id)
        {
            return true;
        }

        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = zone.Id });
        try
        {
            return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (NpgsqlException exception)
        {
            throw _store.Failure("could not report from", exception);
        }
    }

    /// <summary>The per-day groups for a zone the server does not know: one per session, its day in the zone.</summary>
    private async IAsyncEnumerable<CostReportGroup> DaysOfSessionsAsync(NpgsqlConnection connection, CostReportQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand($"SELECT {SessionRow.SelectColumns} FROM omk_cost.sessions WHERE started_ticks >= $1 AND started_ticks < $2", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Since?.UtcTicks ?? long.MinValue });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Until?.UtcTicks ?? long.MaxValue });
        var reader = await ExecuteReaderAsync(command, "could not report from", cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await ReadAsync(reader, cancellationToken).ConfigureAwait(false))
            {
                var session = SessionRow.Read(reader);
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(session.StartedAt, query.TimeZone).DateTime);
                yield return new CostReportGroup(
                    day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    1,
                    session.Estimate.InputTokens,
                    session.Estimate.OutputTokens,
                    session.Estimate.EstimatedUsd,
                    session.ActualUsd)
                {
                    SpentUsd = session.EffectiveUsd,
                };
            }
        }
    }

    private async Task<NpgsqlDataReader> ExecuteReaderAsync(NpgsqlCommand command, string doing, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw _store.Failure(doing, exception);
        }
    }

    private async Task<bool> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            throw _store.Failure("could not read", exception);
        }
    }
}
