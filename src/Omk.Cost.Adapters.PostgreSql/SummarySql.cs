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

    public static string For(CostGrouping grouping)
    {
        var key = grouping switch
        {
            CostGrouping.Type => "session_type",
            CostGrouping.Name => "name",
            _ => "to_char(started_at AT TIME ZONE $3, 'YYYY-MM-DD')",
        };

        return $"""
            SELECT {key} AS key, count(*), least(sum(input_tokens), {MaxTokens}), least(sum(output_tokens), {MaxTokens}),
                   least(sum(estimated_usd), {MaxMoney}), CASE WHEN count(actual_usd) > 0 THEN least(sum(actual_usd), {MaxMoney}) END,
                   least(sum(coalesce(actual_usd, estimated_usd)), {MaxMoney})
            FROM omk_cost.sessions
            WHERE started_ticks >= $1 AND started_ticks < $2 AND $3::text IS NOT NULL
            GROUP BY 1
            """;
    }
}
