namespace Omk.Cli.Output;

/// <summary>One group of the <c>--json</c> document of <c>omk cost report</c>.</summary>
/// <param name="Key">The group's key: a type, a name, a UTC day or a UTC month.</param>
/// <param name="Sessions">The number of sessions in the group.</param>
/// <param name="InputTokens">The estimated input tokens of the group.</param>
/// <param name="OutputTokens">The estimated output tokens of the group.</param>
/// <param name="EstimatedUsd">The estimated US dollars of the group.</param>
/// <param name="ActualUsd">The actual US dollars of the sessions that know them, or null.</param>
internal sealed record ReportGroupDocument(
    string Key,
    long Sessions,
    ulong InputTokens,
    ulong OutputTokens,
    decimal EstimatedUsd,
    decimal? ActualUsd);
