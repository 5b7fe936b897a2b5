using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>
/// The window of a usage report's <c>--json</c> document: <c>{"start", "end"}</c>, RFC 3339 with the offset of the
/// report's zone; null for a side that is not bounded (all time before, or up to now).
/// </summary>
internal sealed class UsageWindowDocument
{
    public UsageWindowDocument()
    {
    }

    public UsageWindowDocument(TimeRange window, TimeZoneInfo zone)
    {
        Start = Format(window.Since, zone);
        End = Format(window.Until, zone);
    }

    /// <summary>Gets the first instant covered, or null.</summary>
    public string? Start { get; init; }

    /// <summary>Gets the first instant after the window, or null.</summary>
    public string? End { get; init; }

    /// <summary>Formats a bound in a zone, RFC 3339 with the zone's offset.</summary>
    /// <param name="bound">The bound, or null.</param>
    /// <param name="zone">The zone.</param>
    /// <returns>The text, or null.</returns>
    public static string? Format(DateTimeOffset? bound, TimeZoneInfo zone) =>
        bound is { } known ? Rfc3339.FormatWithOffset(TimeZoneInfo.ConvertTime(known, zone)) : null;
}
