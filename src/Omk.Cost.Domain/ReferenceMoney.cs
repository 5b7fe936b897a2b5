using System.Globalization;

namespace Omk.Cost.Domain;

/// <summary>
/// The money text of the Rust omk's own output, which scripts parse: dollars with four decimals, no thousands
/// separators, independent of the culture (<c>$0.0091</c>, <c>$1655.0700</c>). The one home of that rule; the CLI's
/// tables show money their own way (<c>Figures</c>).
/// </summary>
internal static class ReferenceMoney
{
    /// <summary>Formats US dollars as the Rust omk writes them.</summary>
    /// <param name="usd">The amount.</param>
    /// <returns>The amount with its dollar sign, such as <c>$0.0091</c>.</returns>
    public static string Usd(decimal usd) => "$" + usd.ToString("F4", CultureInfo.InvariantCulture);
}
