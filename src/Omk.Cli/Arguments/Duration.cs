using System.Globalization;

namespace Omk.Cli.Arguments;

/// <summary>
/// Parses the durations of the command line: <c>90</c> (seconds), <c>90s</c>, <c>15m</c>, <c>2h</c>, <c>1h30m</c>
/// and <c>1h30m15s</c>.
/// </summary>
internal static class Duration
{
    /// <summary>Parses a duration into whole seconds.</summary>
    /// <param name="text">The duration as written.</param>
    /// <param name="seconds">The duration in seconds.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a duration that fits in 64 bits.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong seconds)
    {
        seconds = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return true;
        }

        // Units must come in the order h, m, s, each at most once.
        var nextUnit = 0;
        while (!text.IsEmpty)
        {
            if (!TryReadPart(ref text, ref nextUnit, out var amount, out var factor))
            {
                return false;
            }

            try
            {
                seconds = checked(seconds + (amount * factor));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads one part of a duration, digits then a unit (<c>h</c>, <c>m</c> or <c>s</c>) that comes after the unit of
    /// the part before, and moves past it.
    /// </summary>
    private static bool TryReadPart(ref ReadOnlySpan<char> text, ref int nextUnit, out ulong amount, out ulong factor)
    {
        ReadOnlySpan<char> units = "hms";
        factor = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits == text.Length
            || !ulong.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out amount))
        {
            amount = 0;
            return false;
        }

        var unit = units[nextUnit..].IndexOf(char.ToLowerInvariant(text[digits]));
        if (unit < 0)
        {
            return false;
        }

        nextUnit += unit + 1;
        factor = units[nextUnit - 1] switch
        {
            'h' => 3600,
            'm' => 60,
            _ => 1,
        };
        text = text[(digits + 1)..];
        return true;
    }

    /// <summary>Converts parsed seconds to the estimator's signed count, saturating at <see cref="long.MaxValue"/>.</summary>
    /// <param name="seconds">The seconds.</param>
    /// <returns>The seconds, at most <see cref="long.MaxValue"/>.</returns>
    public static long ToEstimatorSeconds(ulong seconds) => seconds > long.MaxValue ? long.MaxValue : (long)seconds;
}
