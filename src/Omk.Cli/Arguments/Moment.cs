using System.Globalization;

namespace Omk.Cli.Arguments;

/// <summary>
/// Parses the dates and times of the command line: a UTC date (<c>2026-11-20</c>) or an RFC 3339 timestamp
/// (<c>2026-11-20T09:15:02Z</c>, <c>2026-11-20T10:15:02+01:00</c>); a timestamp without an offset is UTC.
/// </summary>
internal static class Moment
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ssK",
        "yyyy-MM-dd' 'HH:mmK",
    ];

    /// <summary>Parses a date or a timestamp.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The moment, in UTC; for a date, its midnight.</param>
    /// <param name="isDate">Whether the text was a date alone.</param>
    /// <returns><see langword="true"/> when the text is a date or a timestamp.</returns>
    public static bool TryParse(string text, out DateTimeOffset value, out bool isDate)
    {
        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var trimmed = text.Trim();
        isDate = DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, Styles, out value);
        if (isDate)
        {
            return true;
        }

        // RFC 3339 allows nine fractional digits; .NET keeps seven (100 ns), so cut the rest before parsing.
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < trimmed.Length && char.IsAsciiDigit(trimmed[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                trimmed = string.Concat(trimmed.AsSpan(0, dot + 8), trimmed.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParseExact(trimmed, TimestampFormats, CultureInfo.InvariantCulture, Styles, out value);
    }
}
