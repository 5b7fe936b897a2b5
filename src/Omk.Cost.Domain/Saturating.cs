namespace Omk.Cost.Domain;

/// <summary>
/// Arithmetic that stops at the largest value instead of overflowing.
/// </summary>
internal static class Saturating
{
    public static ulong Add(ulong left, ulong right)
    {
        var sum = left + right;
        return sum < left ? ulong.MaxValue : sum;
    }

    public static decimal Add(decimal left, decimal right)
    {
        if (right >= 0m)
        {
            return left > decimal.MaxValue - right ? decimal.MaxValue : left + right;
        }

        return left < decimal.MinValue - right ? decimal.MinValue : left + right;
    }

    public static ulong NonNegative(long value) => value < 0 ? 0 : (ulong)value;

    /// <summary>Gets <paramref name="part"/> as a percentage of a positive <paramref name="whole"/>, saturating instead of overflowing.</summary>
    public static decimal Percent(decimal part, decimal whole)
    {
        try
        {
            return part / whole * 100m;
        }
        catch (OverflowException)
        {
            return part < 0m ? decimal.MinValue : decimal.MaxValue;
        }
    }
}
