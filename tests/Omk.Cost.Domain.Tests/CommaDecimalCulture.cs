using System.Globalization;

namespace Omk.Cost.Domain.Tests;

/// <summary>
/// Makes the current culture one that writes decimals with a comma and groups digits with a dot, as de-DE does,
/// and restores the previous culture when disposed.
/// </summary>
/// <remarks>
/// The projects run with invariant globalization, where <c>new CultureInfo("de-DE")</c> is not available,
/// so the culture is a clone of the invariant culture with German number separators.
/// </remarks>
internal sealed class CommaDecimalCulture : IDisposable
{
    private readonly CultureInfo _previous;

    public CommaDecimalCulture()
    {
        _previous = CultureInfo.CurrentCulture;
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.CurrencyDecimalSeparator = ",";
        culture.NumberFormat.CurrencyGroupSeparator = ".";
        CultureInfo.CurrentCulture = culture;
    }

    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}
