using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.PostgreSql;

/// <summary>
/// The SQL that adds sessions up for a report, into the small groups <see cref="ICostSummarySource"/> asks for: per
/// exact type, per name, or per calendar day of the time zone <c>$3</c>; the window on the exact start
/// (<c>$1 ≤ start &lt; $2</c>, in ticks); token sums saturating at 2⁶⁴ − 1 and money at <see cref="decimal.MaxValue"/>.
/// </summary>
internal static class SummarySql
{
    private const string MaxTokens = "18446744073709551615";
    private const string MaxMoney = "79228162514264337593543950335";

    private const string Window = "started_ticks >= $1 AND started_ticks < $2";

    private const string Sums =
        $"count(*) AS sessions, least(sum(input_tokens), {MaxTokens}) AS input_tokens, least(sum(output_tokens), {MaxTokens}) AS output_tokens, "
        + $"least(sum(estimated_usd), {MaxMoney}) AS estimated_usd, CASE WHEN count(actual_usd) > 0 THEN least(sum(actual_usd), {MaxMoney}) END AS actual_usd, "
        + $"least(sum(coalesce(actual_usd, estimated_usd)), {MaxMoney}) AS spent_usd";

    /// <summary>
    /// Per calendar day of the zone <c>$3</c>, without converting each session's start: the UTC instants at which each
    /// local day of the window begins (the zone's midnights, or its first instant when a transition skips midnight)
    /// are worked out once, from the first and the last start (read through the index), and each session falls into
    /// its day by a binary search over them (<c>width_bucket</c>). Converting every start with <c>AT TIME ZONE</c>
    /// took about three times as long as the sums themselves over a million sessions (docs/performance.md).
    /// </summary>
    private const string ByDay =
        $"""
        WITH edges AS (
            SELECT (SELECT started_at FROM omk_cost.sessions WHERE {Window} ORDER BY started_ticks LIMIT 1) AS first_start,
                   (SELECT started_at FROM omk_cost.sessions WHERE {Window} ORDER BY started_ticks DESC LIMIT 1) AS last_start
        ), days AS (
            SELECT min(day)::date AS first_day, array_agg(day AT TIME ZONE $3::text ORDER BY day) AS starts
            FROM edges, generate_series((first_start AT TIME ZONE $3::text)::date::timestamp, (last_start AT TIME ZONE $3::text)::date::timestamp, interval '1 day') AS day
        )
        SELECT to_char(days.first_day + (g.day_index - 1), 'YYYY-MM-DD') AS key, g.sessions, g.input_tokens, g.output_tokens, g.estimated_usd, g.actual_usd, g.spent_usd
        FROM (
            SELECT width_bucket(sessions.started_at, days.starts) AS day_index, {Sums}
            FROM omk_cost.sessions, days
            WHERE {Window}
            GROUP BY 1
        ) AS g, days
        """;

    public static string For(CostGrouping grouping)
    {
        var key = grouping switch
        {
            CostGrouping.Type => "session_type",
            CostGrouping.Name => "name",
            _ => null,
        };

        return key is null
            ? ByDay
            : $"""
                SELECT {key} AS key, {Sums}
                FROM omk_cost.sessions
                WHERE {Window} AND $3::text IS NOT NULL
                GROUP BY 1
                """;
    }
}
