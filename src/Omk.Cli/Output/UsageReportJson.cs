using Omk.Cost.Domain.Usage;

namespace Omk.Cli.Output;

/// <summary>
/// Writes the <c>--json</c> and <c>--csv</c> forms of <c>omk cost usage kimi</c>, with the CLI's source-generated
/// serializer (<see cref="CliJsonContext"/>).
/// </summary>
internal static class UsageReportJson
{
    /// <summary>
    /// Writes a usage report as one JSON document and a line feed: <c>{"sessions", "input_other_tokens", "cache_read_tokens",
    /// "cache_creation_tokens", "output_tokens", "cost_usd", "priced_cost_usd", "unpriced": [{"model", "tokens"}],
    /// "retries", "time_zone", "window": {"start", "end"}, "groups": [{"key", "title"?, "started_at"?, "project"?, "model"?, "forked_from"?, "start", "end",
    /// ...the same fields}]}</c>. <c>cost_usd</c> is null when a model lacks a price; <c>priced_cost_usd</c> is always
    /// the sum of what has a price (a lower bound then). <c>start</c> and <c>end</c> bound a day, week or month group
    /// (RFC 3339 with the zone's offset; null for other groupings). A session group has the session's
    /// <c>started_at</c>, and its <c>title</c>, <c>project</c> and main <c>model</c> when known; <c>forked_from</c>
    /// when it is a fork whose source the logs name. <c>retries</c> counts the failed requests that were retried (never
    /// priced; the provider may have billed them).
    /// </summary>
    /// <param name="output">The output.</param>
    /// <param name="report">The report.</param>
    /// <param name="groups">The groups to write, or null for all of the report's.</param>
    public static void Write(TextWriter output, UsageReport report, IEnumerable<UsageReportGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        CliJson.Write(output, new UsageReportDocument(report, groups ?? report.Groups), CliJsonContext.Default.UsageReportDocument);
    }

    /// <summary>
    /// Writes the CSV form of a usage report's groups: the header (the JSON names of a group's fields, in the JSON's
    /// order) and one row a group, each value as the JSON gives it; an unknown value is an empty field, and the
    /// models without a price are written <c>model=tokens</c>, separated by <c>;</c>. Every row ends with the report's
    /// window, <c>window_start</c> and <c>window_end</c> (the JSON's <c>window</c>; empty when not bounded).
    /// </summary>
    /// <param name="output">The output.</param>
    /// <param name="report">The report.</param>
    /// <param name="groups">The groups to write, or null for all of the report's.</param>
    public static void WriteCsv(TextWriter output, UsageReport report, IEnumerable<UsageReportGroup>? groups = null)
    {
        var (header, rows) = CsvRows(report, groups);
        Csv.Write(output, header, rows);
    }

    /// <summary>Gives the header and the rows of <see cref="WriteCsv"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="groups">The groups to write, or null for all of the report's.</param>
    /// <returns>The header and the rows, for an RFC 4180 writer.</returns>
    public static (IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<string>> Rows) CsvRows(UsageReport report, IEnumerable<UsageReportGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var windowStart = UsageWindowDocument.Format(report.Window.Since, report.TimeZone) ?? string.Empty;
        var windowEnd = UsageWindowDocument.Format(report.Window.Until, report.TimeZone) ?? string.Empty;
        return (
            [.. UsageGroupDocument.CsvHeader, "window_start", "window_end"],
            (groups ?? report.Groups).Select(group => (IReadOnlyList<string>)[.. new UsageGroupDocument(group).ToCsvRow(), windowStart, windowEnd]));
    }
}
