using System.Globalization;
using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>
/// One group of the <c>--json</c> and <c>--csv</c> reports of <c>omk cost report</c>. The CSV's columns are these
/// fields, in this order, under the same names.
/// </summary>
/// <param name="Key">The group's key: a session type, a name, a day, an ISO week or a month.</param>
/// <param name="Start">The first instant of the group's day, week or month, RFC 3339 with the zone's offset (<see cref="Rfc3339.FormatWithOffset"/>); null by type or name.</param>
/// <param name="End">The first instant after it, likewise; null by type or name.</param>
/// <param name="Sessions">The sessions of the group.</param>
/// <param name="InputTokens">The estimated input tokens.</param>
/// <param name="OutputTokens">The estimated output tokens.</param>
/// <param name="EstimatedUsd">The estimated US dollars.</param>
/// <param name="ActualUsd">The actual US dollars of the sessions that know them, or null.</param>
/// <param name="SpentUsd">The spend: actual cost where known, else the estimate.</param>
internal sealed record ReportGroupDocument(
    string Key,
    string? Start,
    string? End,
    long Sessions,
    ulong InputTokens,
    ulong OutputTokens,
    decimal EstimatedUsd,
    decimal? ActualUsd,
    decimal SpentUsd)
{
    /// <summary>Gets the CSV header row: the JSON names of the fields.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } =
        ["key", "start", "end", "sessions", "input_tokens", "output_tokens", "estimated_usd", "actual_usd", "spent_usd"];

    /// <summary>Creates the document of a group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The document.</returns>
    public static ReportGroupDocument From(CostReportGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new(group.Key, WithOffset(group.Start), WithOffset(group.End), group.Sessions, group.InputTokens, group.OutputTokens, group.EstimatedUsd, group.ActualUsd, group.SpentUsd);
    }

    /// <summary>Formats an instant as RFC 3339 with its own offset, such as <c>2026-12-01T00:00:00+08:00</c>.</summary>
    /// <param name="instant">The instant, or null.</param>
    /// <returns>The text, or null.</returns>
    public static string? WithOffset(DateTimeOffset? instant) => instant is { } known ? Rfc3339.FormatWithOffset(known) : null;

    /// <summary>Gets the group's CSV row, in the order of <see cref="CsvHeader"/>.</summary>
    /// <returns>The fields; an unknown value is an empty field.</returns>
    public IReadOnlyList<string> ToCsvRow()
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            Key,
            Start ?? string.Empty,
            End ?? string.Empty,
            Sessions.ToString(invariant),
            InputTokens.ToString(invariant),
            OutputTokens.ToString(invariant),
            EstimatedUsd.ToString(invariant),
            ActualUsd?.ToString(invariant) ?? string.Empty,
            SpentUsd.ToString(invariant),
        ];
    }
}
