using System.Globalization;

namespace Omk.Cli.Rendering;

/// <summary>
/// How the text reports write figures: money as <c>$1,655.07</c> (four decimals below a cent, so that a small
/// session is never shown as <c>$0.00</c>), counts with thousands separators, and counted nouns in the right number.
/// Culture-invariant.
/// </summary>
internal static class Figures
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Formats US dollars: two decimals with thousands separators, four below a cent.</summary>
    /// <param name="usd">The amount.</param>
    /// <returns>The amount as text, such as <c>$1,655.07</c> or <c>$0.0091</c>.</returns>
    public static string Usd(decimal usd)
    {
        var magnitude = Math.Abs(usd);
        var digits = magnitude is > 0m and < 0.01m ? "N4" : "N2";
        var text = magnitude.ToString(digits, Invariant);
        return usd < 0m ? "-$" + text : "$" + text;
    }

    /// <summary>Rounds US dollars as <see cref="Usd(decimal)"/> shows them: to the cent, or to four places below a cent.</summary>
    /// <param name="usd">The amount.</param>
    /// <returns>The amount shown, so that figures computed from shown ones add up as a person reads them.</returns>
    public static decimal AsShown(decimal usd) =>
        Math.Round(usd, Math.Abs(usd) is > 0m and < 0.01m ? 4 : 2, MidpointRounding.AwayFromZero);

    /// <summary>Formats US dollars that may be unknown.</summary>
    /// <param name="usd">The amount, or null.</param>
    /// <param name="unknown">What to write when the amount is unknown.</param>
    /// <returns>The amount as text.</returns>
    public static string Usd(decimal? usd, string unknown) => usd is { } known ? Usd(known) : unknown;

    /// <summary>Formats a count with thousands separators.</summary>
    /// <param name="count">The count.</param>
    /// <returns>The count, such as <c>1,834,000</c>.</returns>
    public static string Count(ulong count) => count.ToString("N0", Invariant);

    /// <summary>Formats a count with thousands separators.</summary>
    /// <param name="count">The count.</param>
    /// <returns>The count, such as <c>1,834</c>.</returns>
    public static string Count(long count) => count.ToString("N0", Invariant);

    /// <summary>Writes a count followed by its noun in the right number: <c>1 session</c>, <c>2 sessions</c>.</summary>
    /// <param name="count">The count.</param>
    /// <param name="singular">The noun for one.</param>
    /// <param name="plural">The noun for any other count; null adds an <c>s</c>.</param>
    /// <returns>The counted noun.</returns>
    public static string Counted(long count, string singular, string? plural = null) =>
        $"{Count(count)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
