using System.Globalization;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// A <c>--last</c> value: the span before now that a window covers, in hours (<c>24h</c>), days (<c>7d</c>), weeks
/// (<c>2w</c>) or months (<c>3m</c>, calendar months of the zone).
/// </summary>
/// <param name="Amount">How many units.</param>
/// <param name="Unit">The unit: <c>h</c>, <c>d</c>, <c>w</c> or <c>m</c>.</param>
internal readonly record struct RecentSpan(int Amount, char Unit)
{
    private const int MaxAmount = 100_000;

    /// <summary>Gets the first instant of the span that ends now.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="zone">The zone whose calendar months are counted.</param>
    /// <returns>The span's start, with the zone's offset.</returns>
    public DateTimeOffset Since(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return Unit switch
        {
            'h' => local.AddHours(-Amount),
            'd' => local.AddDays(-Amount),
            'w' => local.AddDays(-7L * Amount),
            _ => CalendarPeriod.AtWallTime(local.DateTime.AddMonths(-Math.Min(Amount, 12 * 9000)), zone),
        };
    }

    /// <summary>Parses a span such as <c>24h</c>, <c>7d</c>, <c>2w</c> or <c>3m</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="span">The span.</param>
    /// <returns><see langword="true"/> when the text is a span of one or more units.</returns>
    public static bool TryParse(string text, out RecentSpan span)
    {
        span = default;
        var trimmed = text.Trim();
        if (trimmed.Length < 2)
        {
            return false;
        }

        var unit = char.ToLowerInvariant(trimmed[^1]);
        if (unit is not ('h' or 'd' or 'w' or 'm')
            || !int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount is < 1 or > MaxAmount)
        {
            return false;
        }

        span = new RecentSpan(amount, unit);
        return true;
    }
}
