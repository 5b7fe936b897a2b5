using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Reads one stored session straight from a <see cref="Utf8JsonReader"/>: the single definition of what a valid
/// session is, shared by reports (which materialise sessions) and records (which only check them).
/// </summary>
/// <remarks>
/// The rules are the Rust omk's: <c>session_type</c>, <c>name</c>, <c>started_at</c> and <c>estimate</c> (with all
/// six of its keys) are required; <c>ended_at</c>, <c>actual_usd</c> and <c>id</c> may be null or missing; numbers
/// are JSON numbers. The usage details (<c>model</c>, <c>project</c>, <c>cache_read_tokens</c>,
/// <c>cache_creation_tokens</c>, see <see cref="SessionDetailsFields"/>) are read when they have their type; other keys,
/// and detail keys of another type, are unknown keys: accepted, and kept by the store.
/// </remarks>
internal static class SessionCostReader
{
    private const int RequiredSessionKeys = 4;
    private const int RequiredEstimateKeys = 6;

    /// <summary>
    /// The key, among a session's unknown fields (<see cref="SessionCost.ExtraFields"/>), whose value holds the unknown
    /// keys of its <c>estimate</c> object; <see cref="SessionCostDocument"/> writes them back inside the estimate.
    /// </summary>
    internal const string EstimateKey = "estimate";

    /// <summary>The UTF-8 names of <see cref="PricingTiers.All"/>, in its order, for comparing without decoding.</summary>
    private static readonly byte[][] TierNames = [.. PricingTiers.All.ToArray().Select(static tier => Encoding.UTF8.GetBytes(tier.Name()))];

    /// <summary>
    /// Reads the object at the reader's current <see cref="JsonTokenType.StartObject"/> token and leaves the reader on
    /// its <see cref="JsonTokenType.EndObject"/>.
    /// </summary>
    /// <param name="reader">The reader, on the session's first token; the whole object must be buffered.</param>
    /// <param name="materialize">Whether to build the session, or only check it.</param>
    /// <param name="session">The session, when <paramref name="materialize"/> is set and it is valid.</param>
    /// <param name="id">The session's <c>id</c>, when it has one.</param>
    /// <param name="error">What is wrong, and the offset (in the reader's input) of the token at fault.</param>
    /// <returns><see langword="true"/> when the session is valid.</returns>
    public static bool TryRead(ref Utf8JsonReader reader, bool materialize, out SessionCost? session, out string? id, out SessionReadError error) =>
        TryRead(ref reader, materialize, unknownFields: null, out session, out id, out error);

    /// <summary>
    /// Reads the object at the reader's current <see cref="JsonTokenType.StartObject"/> token, as
    /// <see cref="TryRead(ref Utf8JsonReader, bool, out SessionCost?, out string?, out SessionReadError)"/> does, and
    /// collects the keys this version does not model: they stay in the store, which writes them back.
    /// </summary>
    /// <param name="reader">The reader, on the session's first token; the whole object must be buffered.</param>
    /// <param name="materialize">Whether to build the session, or only check it.</param>
    /// <param name="unknownFields">Receives the unknown keys and their values when materialising, or null to skip them.</param>
    /// <param name="session">The session, when <paramref name="materialize"/> is set and it is valid.</param>
    /// <param name="id">The session's <c>id</c>, when it has one.</param>
    /// <param name="error">What is wrong, and the offset (in the reader's input) of the token at fault.</param>
    /// <returns><see langword="true"/> when the session is valid.</returns>
    public static bool TryRead(
        ref Utf8JsonReader reader,
        bool materialize,
        Dictionary<string, JsonElement>? unknownFields,
        out SessionCost? session,
        out string? id,
        out SessionReadError error)
    {
        session = null;
        id = null;
        error = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = new SessionReadError("a session must be a JSON object", reader.TokenStartIndex);
            return false;
        }

        var objectStart = reader.TokenStartIndex;
        string? sessionType = null, name = null;
        DateTimeOffset startedAt = default;
        DateTimeOffset? endedAt = null;
        CostEstimate estimate = default;
        decimal? actualUsd = null;
        var details = new SessionDetailsReader();
        var seen = 0;
        List<KeyValuePair<string, JsonElement>>? extra = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!KeyCanBeCompared(ref reader))
            {
                error = NotText("a key", ref reader);
                return false;
            }

            if (reader.ValueTextEquals("session_type"u8))
            {
                if (!ReadString(ref reader, materialize, "session_type", out sessionType, ref error))
                {
                    return false;
                }

                seen |= 1;
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                if (!ReadString(ref reader, materialize, "name", out name, ref error))
                {
                    return false;
                }

                seen |= 2;
            }
            else if (reader.ValueTextEquals("started_at"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !TryReadTimestamp(ref reader, out startedAt))
                {
                    error = Invalid("started_at", "an RFC 3339 timestamp", ref reader);
                    return false;
                }

                if (!SessionTimes.IsReportable(startedAt))
                {
                    error = Invalid("started_at", SessionTimes.RangeText, ref reader);
                    return false;
                }

                seen |= 4;
            }
            else if (reader.ValueTextEquals("ended_at"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    endedAt = null;
                }
                else if (reader.TokenType == JsonTokenType.String && TryReadTimestamp(ref reader, out var ended))
                {
                    if (!SessionTimes.IsReportable(ended))
                    {
                        error = Invalid("ended_at", "null or " + SessionTimes.RangeText, ref reader);
                        return false;
                    }

                    endedAt = ended;
                }
                else
                {
                    error = Invalid("ended_at", "null or an RFC 3339 timestamp", ref reader);
                    return false;
                }
            }
            else if (reader.ValueTextEquals("estimate"u8))
            {
                reader.Read();
                List<KeyValuePair<string, JsonElement>>? estimateExtra = null;
                if (!TryReadEstimate(ref reader, out estimate, materialize ? [] : null, ref estimateExtra, ref error))
                {
                    return false;
                }

                if (estimateExtra is not null)
                {
                    // The estimate's unknown keys travel as the value of "estimate" among the session's own, as an
                    // object of just those keys: "estimate" is known, so no unknown key of the session has that name.
                    var element = ExtraObject(estimateExtra);
                    (extra ??= []).Add(KeyValuePair.Create(EstimateKey, element));
                    if (unknownFields is not null)
                    {
                        unknownFields[EstimateKey] = element;
                    }
                }

                seen |= 8;
            }
            else if (reader.ValueTextEquals("actual_usd"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    actualUsd = null;
                }
                else if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var actual))
                {
                    actualUsd = actual;
                }
                else
                {
                    error = Invalid("actual_usd", "null or a number of US dollars", ref reader);
                    return false;
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (!IsText(ref reader))
                    {
                        error = NotText("id", ref reader);
                        return false;
                    }

                    id = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    error = Invalid("id", "null or a string", ref reader);
                    return false;
                }
            }
            else
            {
                if (!UnknownKeyIsText(ref reader))
                {
                    error = NotText("a key", ref reader);
                    return false;
                }

                var key = materialize ? reader.GetString()! : null;
                reader.Read();
                var value = reader;
                if (!SkipText(ref reader, ref error))
                {
                    return false;
                }

                if (key is not null && !details.TryRead(key, ref value))
                {
                    var element = JsonElement.ParseValue(ref value);
                    (extra ??= []).Add(KeyValuePair.Create(key, element));
                    if (unknownFields is not null)
                    {
                        unknownFields[key] = element;
                    }
                }
            }
        }

        if (seen != (1 << RequiredSessionKeys) - 1)
        {
            error = new SessionReadError($"a session lacks \"{MissingKey(seen)}\"", objectStart);
            return false;
        }

        if (materialize)
        {
            session = new SessionCost
            {
                SessionType = sessionType!,
                Name = name!,
                StartedAt = startedAt,
                EndedAt = endedAt,
                Estimate = estimate,
                ActualUsd = actualUsd,
                Id = id,
                Details = details.Details,
                ExtraFields = extra is null ? null : SessionExtraFieldsJson.From(extra),
            };
        }

        return true;
    }

    /// <summary>One JSON object of the given keys and values, in the canonical form of the stores.</summary>
    private static JsonElement ExtraObject(List<KeyValuePair<string, JsonElement>> fields)
    {
        using var document = JsonDocument.Parse(SessionExtraFieldsJson.From(fields)!.Text);
        return document.RootElement.Clone();
    }

    /// <summary>Reads the current string token as a timestamp, without allocating when it holds no escapes.</summary>
    public static bool TryReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return Rfc3339.TryParse(reader.ValueSpan, out value);
        }

        Span<byte> buffer = stackalloc byte[64];
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            value = default;
            return false;
        }

        var written = reader.CopyString(buffer);
        return Rfc3339.TryParse(buffer[..written], out value);
    }

    /// <summary>
    /// Reads the estimate object and, when <paramref name="unknownKeys"/> is given, collects its keys that this version
    /// does not know into <paramref name="unknown"/> (left null when there are none).
    /// </summary>
    private static bool TryReadEstimate(ref Utf8JsonReader reader, out CostEstimate estimate, List<KeyValuePair<string, JsonElement>>? unknownKeys, ref List<KeyValuePair<string, JsonElement>>? unknown, ref SessionReadError error)
    {
        estimate = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = Invalid("estimate", "an object", ref reader);
            return false;
        }

        var objectStart = reader.TokenStartIndex;
        ulong input = 0, output = 0, duration = 0, workers = 0;
        decimal usd = 0m;
        var tier = PricingTier.Standard;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!KeyCanBeCompared(ref reader))
            {
                error = NotText("a key", ref reader);
                return false;
            }

            if (reader.ValueTextEquals("input_tokens"u8))
            {
                if (!ReadCount(ref reader, "input_tokens", out input, ref error))
                {
                    return false;
                }

                seen |= 1;
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                if (!ReadCount(ref reader, "output_tokens", out output, ref error))
                {
                    return false;
                }

                seen |= 2;
            }
            else if (reader.ValueTextEquals("duration_secs"u8))
            {
                if (!ReadCount(ref reader, "duration_secs", out duration, ref error))
                {
                    return false;
                }

                seen |= 4;
            }
            else if (reader.ValueTextEquals("worker_count"u8))
            {
                if (!ReadCount(ref reader, "worker_count", out workers, ref error))
                {
                    return false;
                }

                seen |= 8;
            }
            else if (reader.ValueTextEquals("estimated_usd"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out usd))
                {
                    error = Invalid("estimate.estimated_usd", "a number of US dollars", ref reader);
                    return false;
                }

                seen |= 16;
            }
            else if (reader.ValueTextEquals("tier"u8))
            {
                reader.Read();
                if (!TryReadTier(ref reader, out tier))
                {
                    error = Invalid("estimate.tier", "\"Budget\", \"Standard\" or \"Premium\"", ref reader);
                    return false;
                }

                seen |= 32;
            }
            else
            {
                if (!UnknownKeyIsText(ref reader))
                {
                    error = NotText("a key", ref reader);
                    return false;
                }

                var key = unknownKeys is null ? null : reader.GetString()!;
                reader.Read();
                var value = reader;
                if (!SkipText(ref reader, ref error))
                {
                    return false;
                }

                if (key is not null)
                {
                    unknownKeys!.Add(KeyValuePair.Create(key, JsonElement.ParseValue(ref value)));
                    unknown = unknownKeys;
                }
            }
        }

        if (seen != (1 << RequiredEstimateKeys) - 1)
        {
            error = new SessionReadError($"an estimate lacks \"{MissingEstimateKey(seen)}\"", objectStart);
            return false;
        }

        estimate = new CostEstimate(input, output, duration, workers, usd, tier);
        return true;
    }

    /// <summary>Reads a tier spelled exactly as <see cref="PricingTiers.Name"/> spells it (escapes allowed, but not of a lone surrogate).</summary>
    private static bool TryReadTier(ref Utf8JsonReader reader, out PricingTier tier)
    {
        tier = PricingTier.Standard;
        if (reader.TokenType != JsonTokenType.String || !IsText(ref reader))
        {
            return false;
        }

        for (var index = 0; index < TierNames.Length; index++)
        {
            if (reader.ValueTextEquals(TierNames[index]))
            {
                tier = PricingTiers.All[index];
                return true;
            }
        }

        return false;
    }

    private static bool ReadString(ref Utf8JsonReader reader, bool materialize, string key, out string? value, ref SessionReadError error)
    {
        reader.Read();
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = Invalid(key, "a string", ref reader);
            return false;
        }

        if (!IsText(ref reader))
        {
            error = NotText(key, ref reader);
            return false;
        }

        if (materialize)
        {
            value = reader.GetString();
        }

        return true;
    }

    /// <summary>
    /// Gets whether the current string or key is text every reader can read back: valid UTF-8, and no escaped lone
    /// surrogate (<c>"\ud800"</c>).
    /// </summary>
    /// <summary>
    /// Tells whether a key may be compared with the known ones: an escaped key is unescaped to compare, which throws on
    /// an escaped lone surrogate instead of saying where it is, so it is checked first; an unescaped one is compared as
    /// bytes, and checked only when it matches no known key (<see cref="UnknownKeyIsText"/>).
    /// </summary>
    private static bool KeyCanBeCompared(ref Utf8JsonReader reader) => !reader.ValueIsEscaped || IsText(ref reader);

    /// <summary>Tells whether a key that matched no known one is text (an escaped one was checked before the comparison).</summary>
    private static bool UnknownKeyIsText(ref Utf8JsonReader reader) => reader.ValueIsEscaped || Utf8.IsValid(reader.ValueSpan);

    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Moves past the current value, checking that every string and key inside it is text.</summary>
    private static bool SkipText(ref Utf8JsonReader reader, ref SessionReadError error)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            if (reader.TokenType == JsonTokenType.String && !IsText(ref reader))
            {
                error = NotText("a value", ref reader);
                return false;
            }

            return true;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsText(ref reader))
            {
                error = NotText("a value", ref reader);
                return false;
            }
        }

        return true;
    }

    private static SessionReadError NotText(string what, ref Utf8JsonReader reader) =>
        new($"{(what.StartsWith('a') ? what : $"\"{what}\"")} holds bytes that are not valid UTF-8 text (or an escaped lone surrogate)", reader.TokenStartIndex);

    private static bool ReadCount(ref Utf8JsonReader reader, string key, out ulong value, ref SessionReadError error)
    {
        reader.Read();
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out value))
        {
            error = Invalid("estimate." + key, "a whole number from 0 to 18446744073709551615", ref reader);
            return false;
        }

        return true;
    }

    private static SessionReadError Invalid(string key, string expected, ref Utf8JsonReader reader) =>
        new($"\"{key}\" must be {expected}", reader.TokenStartIndex);

    private static string MissingKey(int seen) =>
        (seen & 1) == 0 ? "session_type" : (seen & 2) == 0 ? "name" : (seen & 4) == 0 ? "started_at" : "estimate";

    private static string MissingEstimateKey(int seen) =>
        (seen & 1) == 0 ? "input_tokens"
        : (seen & 2) == 0 ? "output_tokens"
        : (seen & 4) == 0 ? "duration_secs"
        : (seen & 8) == 0 ? "worker_count"
        : (seen & 16) == 0 ? "estimated_usd"
        : "tier";
}
