using Npgsql;
using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// How a <see cref="SessionCost"/> maps to a row of <c>omk_cost.sessions</c> and back: ticks for the exact instant,
/// <c>timestamptz</c> to the microsecond for grouping, <c>numeric</c> for counts and money; the usage details as four
/// columns, all null for a session without details; the fields other versions of omk added
/// (<see cref="SessionExtraFields"/>) as one <c>jsonb</c> object in <c>extra</c>, null when there are none.
/// </summary>
internal static class SessionRow
{
    /// <summary>The columns read back, in the order <see cref="Read"/> expects them.</summary>
    public const string SelectColumns =
        "id, session_type, name, started_ticks, ended_ticks, input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, actual_usd, model, project, cache_read_tokens, cache_creation_tokens, extra::text";

    /// <summary>The columns written, in the order of the parameters <see cref="AddParameters"/> adds.</summary>
    public const string InsertColumns =
        "id, session_type, name, started_at, started_ticks, ended_at, ended_ticks, input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, actual_usd, model, project, cache_read_tokens, cache_creation_tokens, recorded_user, recorded_host, extra";

    /// <summary>The content columns: a stored row whose content columns equal the new ones is left unchanged.</summary>
    public static readonly string[] ContentColumns =
        ["session_type", "name", "started_at", "started_ticks", "ended_at", "ended_ticks", "input_tokens", "output_tokens", "duration_secs", "worker_count", "estimated_usd", "tier", "actual_usd", "model", "project", "cache_read_tokens", "cache_creation_tokens"];

    /// <summary>Gets the instant to the microsecond (PostgreSQL's precision), kept clear of Npgsql's infinity mapping of the extremes.</summary>
    /// <param name="moment">The instant.</param>
    /// <returns>A UTC <see cref="DateTime"/> in the same microsecond, or the next one at <see cref="DateTime.MinValue"/>.</returns>
    public static DateTime Microseconds(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks - (moment.UtcTicks % TimeSpan.TicksPerMicrosecond);
        return new DateTime(Math.Max(ticks, TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    /// <summary>
    /// Refuses a session whose text the ledger's rule (<see cref="SessionText"/>) does not allow: a lone surrogate, which
    /// has no UTF-8 form, or a control character in the type or name, which would reach every member's terminal; and a
    /// time no report could place (<see cref="SessionTimes"/>), which would break every member's reports by period.
    /// Every row written (record, upsert, settle) is checked here first.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <exception cref="ArgumentException">The session holds such text; the message names the field.</exception>
    public static void RefuseText(SessionCost session)
    {
        if ((SessionText.FindProblem(session, controlCharacters: true) ?? SessionTimes.FindProblem(session)) is { } problem)
        {
            throw new ArgumentException(problem, nameof(session));
        }
    }

    /// <summary>Adds the parameters of one session, numbered from <c>$1</c>, for <see cref="InsertColumns"/>.</summary>
    /// <param name="parameters">The command's parameters.</param>
    /// <param name="session">The session.</param>
    /// <param name="id">The id to store.</param>
    /// <param name="user">Who records it.</param>
    /// <param name="host">On which machine.</param>
    public static void AddParameters(NpgsqlParameterCollection parameters, SessionCost session, string id, string user, string host)
    {
        RefuseText(session);
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = session.SessionType });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = session.Name });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Microseconds(session.StartedAt) });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = session.StartedAt.UtcTicks });
        parameters.Add(session.EndedAt is { } ended
            ? new NpgsqlParameter<DateTime> { TypedValue = Microseconds(ended) }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        parameters.Add(session.EndedAt is { } endedTicks
            ? new NpgsqlParameter<long> { TypedValue = endedTicks.UtcTicks }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = session.Estimate.InputTokens });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = session.Estimate.OutputTokens });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = session.Estimate.DurationSecs });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = session.Estimate.WorkerCount });
        parameters.Add(new NpgsqlParameter<decimal> { TypedValue = session.Estimate.EstimatedUsd });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = session.Estimate.Tier.Name() });
        parameters.Add(session.ActualUsd is { } actual
            ? new NpgsqlParameter<decimal> { TypedValue = actual }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric });
        parameters.Add(Text(session.Details?.Model));
        parameters.Add(Text(session.Details?.Project));
        parameters.Add(Count(session.Details?.CacheReadTokens));
        parameters.Add(Count(session.Details?.CacheCreationTokens));
        parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        parameters.Add(Text(session.ExtraFields?.Text));
    }

    /// <summary>Reads one row of <see cref="SelectColumns"/>.</summary>
    /// <param name="reader">The reader, on the row.</param>
    /// <returns>The session.</returns>
    public static SessionCost Read(NpgsqlDataReader reader)
    {
        var tierName = reader.GetString(10);
        if (!PricingTiers.TryParse(tierName, out var tier))
        {
            throw new CostStoreException($"the stored session {reader.GetString(0)} has an unknown tier '{tierName}'");
        }

        return new SessionCost
        {
            Id = reader.GetString(0),
            SessionType = reader.GetString(1),
            Name = reader.GetString(2),
            StartedAt = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
            EndedAt = reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
            Estimate = new CostEstimate(
                (ulong)reader.GetDecimal(5),
                (ulong)reader.GetDecimal(6),
                (ulong)reader.GetDecimal(7),
                (ulong)reader.GetDecimal(8),
                reader.GetDecimal(9),
                tier),
            ActualUsd = reader.IsDBNull(11) ? null : reader.GetDecimal(11),
            Details = reader.IsDBNull(14) ? null : new SessionUsageDetails
            {
                Model = reader.IsDBNull(12) ? null : reader.GetString(12),
                Project = reader.IsDBNull(13) ? null : reader.GetString(13),
                CacheReadTokens = (ulong)reader.GetDecimal(14),
                CacheCreationTokens = (ulong)reader.GetDecimal(15),
            },
            ExtraFields = reader.IsDBNull(16) ? null : SessionExtraFieldsJson.FromJson(reader.GetString(16)),
        };
    }

    /// <summary>A text parameter, or a typed NULL.</summary>
    /// <param name="value">The text or null.</param>
    /// <returns>The parameter.</returns>
    public static NpgsqlParameter Text(string? value) => value is null
        ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
        : new NpgsqlParameter<string> { TypedValue = value };

    private static NpgsqlParameter Count(ulong? value) => value is { } count
        ? new NpgsqlParameter<decimal> { TypedValue = count }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Numeric };

}
