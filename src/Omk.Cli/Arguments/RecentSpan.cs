using System.Globalization;
using Omk.Cost.Domain.Time;

namespace Omk.Cli.Arguments;

/// <summary>
/// A <c>--last</c> value: the span before now that a window covers, in minutes (<c>90min</c>), hours (<c>24h</c>), days
/// (<c>7d</c>), weeks (<c>2w</c>) or months (<c>3mo</c>, calendar months of the zone). A bare <c>m</c> is refused: it
/// means minutes in a duration and months in the Rust omk, and either reading would print a wrong figure for the other.
/// </summary>
/// <param name="Amount">How many units.</param>
/// <param name="Unit">The unit: <c>min</c>, <c>h</c>, <c>d</c>, <c>w</c> or <c>mo</c>.</param>
internal readonly record struct RecentSpan(int Amount, string Unit)
{
    /// <summary>The units, as the help and the errors list them.</summary>
    public const string Units = "min (minutes), h (hours), d (days), w (weeks) or mo (months)";

    private const int MaxAmount = 100_000;

    private static readonly string[] Known = ["min", "h", "d", "w", "mo"];

    /// <summary>Gets the first instant of the span that ends now.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="zone">The zone whose calendar months are counted.</param>
    /// <returns>The span's start, with the zone's offset.</returns>
    public DateTimeOffset Since(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return Unit switch
        {
            "min" => local.AddMinutes(-Amount),
            "h" => local.AddHours(-Amount),
            "d" => local.AddDays(-Amount),
            "w" => local.AddDays(-7L * Amount),
            _ => CalendarPeriod.AtWallTime(local.DateTime.AddMonths(-Math.Min(Amount, 12 * 9000)), zone),
        };
    }

    /// <summary>Parses a span such as <c>90min</c>, <c>24h</c>, <c>7d</c>, <c>2w</c> or <c>3mo</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="span">The span.</param>
    /// <returns><see langword="true"/> when the text is a span of one or more units.</returns>
    public static bool TryParse(string text, out RecentSpan span) => Problem(text, out span) is null;

    /// <summary>Parses a span, saying what is wrong with a text that is not one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="span">The span.</param>
    /// <returns>Null for a span, else the error, naming the option.</returns>
    public static string? Problem(string text, out RecentSpan span)
    {
        ArgumentNullException.ThrowIfNull(text);
        span = default;
        var trimmed = text.Trim().ToLowerInvariant();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        var unit = trimmed[digits..];
        if (unit == "m")
        {
            return $"--last {text.Trim()} is ambiguous: write {trimmed[..digits]}min for minutes or {trimmed[..digits]}mo for months";
        }

        if (digits == 0 || !Known.Contains(unit))
        {
            return $"--last must be a number and a unit: {Units}, such as 24h, 7d or 3mo; not '{text}'";
        }

        if (!int.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > MaxAmount)
        {
            return $"--last {text.Trim()} is over the limit of {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)} units";
        }

        if (amount < 1)
        {
            return $"--last must be 1 or more units, not '{text}'";
        }

        span = new RecentSpan(amount, unit);
        return null;
    }
}
