using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Logs;

/// <summary>
/// Converts the Unix timestamps of the logs (seconds as a float in Kimi CLI, milliseconds in Kimi Code) exactly.
/// </summary>
internal static class UnixTime
{
    private const decimal LastSecond = 253_402_300_799m;

    /// <summary>Reads a number of Unix seconds (or milliseconds) at the reader, or null when it is not a plausible moment.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="milliseconds">Whether the number counts milliseconds rather than seconds.</param>
    /// <returns>The moment in UTC, or null.</returns>
    public static DateTimeOffset? Read(ref Utf8JsonReader reader, bool milliseconds)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
        {
            return null;
        }

        var seconds = milliseconds ? value / 1000m : value;
        if (seconds < 0m || seconds > LastSecond)
        {
            return null;
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }
}
