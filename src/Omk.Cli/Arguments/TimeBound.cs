namespace Omk.Cli.Arguments;

/// <summary>A <c>--since</c> or <c>--until</c> value: a moment, and whether it was given as a date alone.</summary>
/// <param name="Value">The moment in UTC; for a date, its midnight.</param>
/// <param name="IsDate">Whether the value was a date alone.</param>
internal readonly record struct TimeBound(DateTimeOffset Value, bool IsDate)
{
    /// <summary>
    /// Gets the exclusive end of a window that ends at this bound: the next midnight for a date, so that
    /// <c>--until 2026-11-20</c> includes that whole day, and the moment itself for a timestamp.
    /// </summary>
    public DateTimeOffset ExclusiveEnd => IsDate ? Value.AddDays(1) : Value;

    /// <summary>Parses a date or a timestamp.</summary>
    /// <param name="text">The text.</param>
    /// <param name="bound">The bound.</param>
    /// <returns><see langword="true"/> when the text is a date or a timestamp.</returns>
    public static bool TryParse(string text, out TimeBound bound)
    {
        var parsed = Moment.TryParse(text, out var value, out var isDate);
        bound = new TimeBound(value, isDate);
        return parsed;
    }
}
