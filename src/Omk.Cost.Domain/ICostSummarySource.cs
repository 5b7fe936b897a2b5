namespace Omk.Cost.Domain;

/// <summary>
/// A port that a store implements when it can add sessions up where they are (a database does it in SQL), so that a
/// report does not read every session. <see cref="CostTracker.ReportAsync"/> uses it when the sink offers it.
/// </summary>
/// <remarks>
/// The store adds up the sessions in the query's window (<see cref="CostReportQuery.Includes"/>) into small groups that
/// the report then merges by the domain's own rules: by type, one group per exact spelling of a type (the report joins
/// spellings whatever their case); by name, one per name; by day, week or month, one per calendar day of the query's
/// <see cref="CostReportQuery.TimeZone"/> in which sessions started, keyed <c>yyyy-MM-dd</c> (the report puts days into
/// their week or month). Sums saturate at <see cref="ulong.MaxValue"/> and <see cref="decimal.MaxValue"/>; the actual
/// sum is null when no session of the group knows its actual cost; <see cref="CostReportGroup.SpentUsd"/> is the sum of
/// each session's actual cost where known, else its estimate. Their order does not matter.
/// </remarks>
public interface ICostSummarySource
{
    /// <summary>Adds up the stored sessions that the query covers, one total a group.</summary>
    /// <param name="query">Which sessions to cover and how to group them.</param>
    /// <param name="cancellationToken">The token to monitor for cancellation requests.</param>
    /// <returns>The groups, in any order, each key once.</returns>
    /// <exception cref="CostStoreException">The store cannot be read.</exception>
    IAsyncEnumerable<CostReportGroup> SummarizeAsync(CostReportQuery query, CancellationToken cancellationToken);
}
