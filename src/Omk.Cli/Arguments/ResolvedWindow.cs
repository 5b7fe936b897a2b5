namespace Omk.Cli.Arguments;

/// <summary>A window of time read in the command's zone, with the words that describe it to a person.</summary>
/// <param name="Start">The inclusive start, or null for no lower bound.</param>
/// <param name="End">The exclusive end, or null for no upper bound.</param>
/// <param name="From">The start as shown (<c>2026-11-21</c>), or null.</param>
/// <param name="To">The end as shown (<c>2026-11-28</c>, the last day included), or null.</param>
/// <param name="Zone">The zone.</param>
internal sealed record ResolvedWindow(DateTimeOffset? Start, DateTimeOffset? End, string? From, string? To, TimeZoneInfo Zone)
{
    /// <summary>Gets a value indicating whether the window has a bound.</summary>
    public bool IsBounded => Start is not null || End is not null;

    /// <summary>
    /// Gets the line that states the window in a report's header: <c>Window: 2026-11-13 10:00 to 2026-11-20 10:00
    /// (Asia/Shanghai)</c>, <c>Window: since 2026-11-21 (Asia/Shanghai)</c>, or <c>Window: all time</c>.
    /// </summary>
    public string Line => (From, To) switch
    {
        ({ } from, { } to) => $"Window: {from} to {to} ({Zone.Id})",
        ({ } from, null) => $"Window: since {from} ({Zone.Id})",
        (null, { } to) => $"Window: until {to} ({Zone.Id})",
        _ => "Window: all time",
    };

    /// <summary>Gets the first instant of the window, RFC 3339 with the zone's offset, or null.</summary>
    public string? StartText => Start is { } start ? Omk.Cost.Domain.Rfc3339.FormatWithOffset(TimeZoneInfo.ConvertTime(start, Zone)) : null;

    /// <summary>Gets the first instant after the window, RFC 3339 with the zone's offset, or null.</summary>
    public string? EndText => End is { } end ? Omk.Cost.Domain.Rfc3339.FormatWithOffset(TimeZoneInfo.ConvertTime(end, Zone)) : null;

    /// <summary>Gets the sentence that says a window holds nothing, such as
    /// <c>No sessions between 2026-11-21 and 2026-11-28 (Asia/Shanghai).</c>.</summary>
    /// <param name="what">What was looked for, such as <c>sessions</c>.</param>
    /// <returns>The sentence.</returns>
    public string Nothing(string what) => (From, To) switch
    {
        ({ } from, { } to) => $"No {what} between {from} and {to} ({Zone.Id}).",
        ({ } from, null) => $"No {what} since {from} ({Zone.Id}).",
        (null, { } to) => $"No {what} until {to} ({Zone.Id}).",
        _ => $"No {what}.",
    };
}
