namespace Omk.Cli.Rendering;

/// <summary>
/// Draws a horizontal bar of block characters proportional to a value, in eighths of a cell
/// (<c>█▉▊▋▌▍▎▏</c>), so that a column of bars shows the shape of a series at a glance.
/// </summary>
internal static class Bar
{
    /// <summary>The width of the longest bar, in cells.</summary>
    public const int Width = 24;

    private const string Full = "█";

    // The partial blocks from one eighth to seven eighths of a cell.
    private static readonly string[] Partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

    /// <summary>Draws the bar of a value against the largest value of its series.</summary>
    /// <param name="value">The value.</param>
    /// <param name="max">The largest value of the series.</param>
    /// <param name="width">The width of the bar of <paramref name="max"/>, in cells.</param>
    /// <returns>
    /// The bar; empty for zero or less, and at least one eighth for any positive value, so that no spend is invisible.
    /// </returns>
    public static string Of(decimal value, decimal max, int width = Width)
    {
        if (value <= 0m || max <= 0m || width <= 0)
        {
            return string.Empty;
        }

        var eighths = (int)Math.Round(Math.Min(value / max, 1m) * width * 8, MidpointRounding.AwayFromZero);
        eighths = Math.Max(eighths, 1);
        return string.Concat(Enumerable.Repeat(Full, eighths / 8)) + Partial[eighths % 8];
    }
}
