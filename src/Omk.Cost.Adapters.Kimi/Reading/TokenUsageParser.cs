using System.Text.Json;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// Reads a token-usage object of either log format, refusing counts that are not whole numbers between zero and
/// <see cref="MaxTokensPerRecord"/>.
/// </summary>
internal static class TokenUsageParser
{
    /// <summary>The most tokens of one class a single usage record may report; more is taken as corrupt.</summary>
    public const ulong MaxTokensPerRecord = 1_000_000_000;

    /// <summary>
    /// Reads the object at the reader (positioned on its start) up to its end.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="snakeCase">Whether the names are Kimi CLI's (<c>input_other</c>) rather than Kimi Code's (<c>inputOther</c>).</param>
    /// <param name="usage">The usage; absent or null counts are zero.</param>
    /// <returns><see langword="false"/> when a count is invalid.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, bool snakeCase, out TokenUsage usage)
    {
        ulong inputOther = 0, cacheRead = 0, cacheCreation = 0, output = 0;
        var valid = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = FieldOf(ref reader, snakeCase);
            reader.Read();
            if (field < 0)
            {
                reader.Skip();
                continue;
            }

            ulong value = 0;
            if (reader.TokenType == JsonTokenType.Number)
            {
                valid &= reader.TryGetUInt64(out value) && value <= MaxTokensPerRecord;
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                valid = false;
                reader.Skip();
            }

            switch (field)
            {
                case 0: inputOther = value; break;
                case 1: cacheRead = value; break;
                case 2: cacheCreation = value; break;
                default: output = value; break;
            }
        }

        usage = new TokenUsage(inputOther, cacheRead, cacheCreation, output);
        return valid;
    }

    private static int FieldOf(ref Utf8JsonReader reader, bool snakeCase)
    {
        if (reader.ValueTextEquals("output"u8))
        {
            return 3;
        }

        if (snakeCase)
        {
            return reader.ValueTextEquals("input_other"u8) ? 0
                : reader.ValueTextEquals("input_cache_read"u8) ? 1
                : reader.ValueTextEquals("input_cache_creation"u8) ? 2
                : -1;
        }

        return reader.ValueTextEquals("inputOther"u8) ? 0
            : reader.ValueTextEquals("inputCacheRead"u8) ? 1
            : reader.ValueTextEquals("inputCacheCreation"u8) ? 2
            : -1;
    }
}
