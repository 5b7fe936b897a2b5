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

    /// <summary>
    /// Formats US dollars shown beside another amount, such as a spend beside its limit: as <see cref="Usd(decimal)"/>,
    /// with more decimals (up to eight) when that text would be the other's while the amounts differ, so that
    /// <c>$0.2511 of $0.25</c> never reads <c>$0.25 of $0.25</c>.
    /// </summary>
    /// <param name="usd">The amount.</param>
    /// <param name="other">The amount it is shown beside.</param>
    /// <returns>The amount as text.</returns>
    public static string UsdBeside(decimal usd, decimal other)
    {
        var text = Usd(usd);
        var shown = Usd(other);
        for (var decimals = 4; usd != other && text == shown && decimals <= 8; decimals += 2)
        {
            // Zeros past the cents that tell nothing are dropped: $0.2511, not $0.25110000.
            var digits = Math.Abs(usd).ToString("N" + decimals.ToString(Invariant), Invariant);
            var point = digits.IndexOf('.', StringComparison.Ordinal);
            text = (usd < 0m ? "-$" : "$") + digits.TrimEnd('0').PadRight(point + 3, '0');
        }

        return text;
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
