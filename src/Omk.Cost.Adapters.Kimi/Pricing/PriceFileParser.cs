using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// Reads a price file into a <see cref="PriceTable"/>, refusing anything that does not make sense with one message
/// that names the file, the line and the column, and what was expected there:
/// <c>prices.json:3:14: "rates" must be an object of cache_hit, cache_miss and output (US dollars per 1M tokens)</c>.
/// </summary>
/// <remarks>
/// The shape: <c>{"comment"?: "...", "prices": [entry, ...]}</c>; an entry is <c>{"model": "kimi-k2.6",
/// "effective_from"?: "2026-04-20T00:00:00Z", "rates": {"cache_hit"?: 0.16, "cache_miss": 0.95,
/// "cache_creation"?: 0.95, "output": 4.0}, "date"?: "2026-11-23", "source"?: "...", "comment"?: "..."}</c>, or
/// <c>{"model": "my-alias", "priced_as": "kimi-k2.6", "effective_from"?: ...}</c>. Rates are US dollars per one
/// million tokens. Comments (<c>//</c>, <c>/* */</c>) and trailing commas are allowed, as people edit the file by hand.
/// It is read with <see cref="Utf8JsonReader"/> rather than a serializer so that every value's position is known.
/// </remarks>
internal static class PriceFileParser
{
    /// <summary>The largest price file read, in bytes.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The largest rate accepted, in US dollars per one million tokens.</summary>
    private const decimal MaxRate = 1_000_000m;

    private const string Empty = "the file is empty; a price file is {\"prices\": [...]}";

    private const string RatesShape = "an object of cache_hit, cache_miss and output (US dollars per 1M tokens)";

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] RootKeys = ["prices", "comment"];

    private static readonly string[] EntryKeys = ["model", "effective_from", "rates", "priced_as", "date", "source", "comment"];

    private static readonly string[] RateKeys = ["cache_hit", "cache_miss", "cache_creation", "output"];

    /// <summary>Reads a price file.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <param name="name">The file's path as the user gave it, used in messages.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="KimiPriceFileException">The file is not a valid price file.</exception>
    public static PriceTable Parse(Stream json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = json.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new KimiPriceFileException(string.Create(CultureInfo.InvariantCulture, $"{name}: a price file is at most {MaxBytes / 1024:N0} KiB; this one is larger"));
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.ToArray(), name);
    }

    /// <summary>Reads a price file.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="name">The file's path as the user gave it, used in messages.</param>
    /// <returns>The prices.</returns>
    /// <exception cref="KimiPriceFileException">The file is not a valid price file.</exception>
    public static PriceTable Parse(byte[] bytes, string name)
    {
        var text = new PriceFileText(bytes, name);
        CheckUtf8(text);
        if (text.Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw text.Error(0, Empty);
        }

        var reader = new Utf8JsonReader(text.Json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw text.Error(0, Empty);
            }

            var table = ReadRoot(ref reader, text);

            // Anything but blanks and comments after the root object is refused by the reader itself.
            reader.Read();
            return table;
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber ?? 0;
            var byteInLine = exception.BytePositionInLine ?? 0;
            throw text.ErrorAt(line, byteInLine, $"not valid JSON: {text.FoundAt(line, byteInLine)}");
        }
    }

    private static void CheckUtf8(PriceFileText text)
    {
        var json = text.Json;
        if (Utf8.IsValid(json))
        {
            return;
        }

        var offset = 0;
        while (offset < json.Length && System.Text.Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        throw text.Error(offset, string.Create(CultureInfo.InvariantCulture, $"not UTF-8 text (byte 0x{json[offset]:X2}); save the file as UTF-8"));
    }

    private static PriceTable ReadRoot(ref Utf8JsonReader reader, PriceFileText text)
    {
        var rootAt = reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw text.Error(rootAt, $"a price file is an object {{\"prices\": [...]}}, not {Kind(reader.TokenType)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var prices = new List<ModelPrice>();
        var aliases = new List<ModelAlias>();
        var found = false;
        while (ReadKey(ref reader, text, seen, RootKeys, "a price file has \"prices\" and an optional \"comment\"") is { } key)
        {
            switch (key)
            {
                case "prices":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw text.Error(reader.TokenStartIndex, $"\"prices\" must be an array of entries such as {{\"model\": \"kimi-k2.6\", \"rates\": {{...}}}}, not {Kind(reader.TokenType)}");
                    }

                    ReadEntries(ref reader, text, prices, aliases);
                    found = true;
                    break;
                default:
                    ReadText(ref reader, text, key);
                    break;
            }
        }

        return found ? new PriceTable(prices, aliases) : throw text.Error(rootAt, "\"prices\" is missing; a price file is {\"prices\": [...]}");
    }

    private static void ReadEntries(ref Utf8JsonReader reader, PriceFileText text, List<ModelPrice> prices, List<ModelAlias> aliases)
    {
        // Where each (model, effective_from) pair was first given, so that a second one is told with the first's place.
        var firsts = new Dictionary<(string Model, DateTimeOffset? From), long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var entryAt = reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw text.Error(entryAt, $"each entry of \"prices\" must be an object such as {{\"model\": \"kimi-k2.6\", \"rates\": {{...}}}}, not {Kind(reader.TokenType)}");
            }

            var entry = ReadEntry(ref reader, text, entryAt);
            var pair = (entry.Model.ToUpperInvariant(), entry.EffectiveFrom);
            if (firsts.TryGetValue(pair, out var firstAt))
            {
                var when = entry.EffectiveFrom is { } from ? $"from {Rfc3339.Format(from)}" : "without \"effective_from\"";
                throw text.Error(entryAt, $"a second price of \"{entry.Model}\" {when} (the first is at {text.Where(firstAt)}); give each price of a model its own \"effective_from\"");
            }

            firsts.Add(pair, entryAt);
            if (entry.Price is { } price)
            {
                prices.Add(price);
            }
            else
            {
                aliases.Add(entry.Alias!);
            }
        }
    }

    private static (string Model, DateTimeOffset? EffectiveFrom, ModelPrice? Price, ModelAlias? Alias) ReadEntry(ref Utf8JsonReader reader, PriceFileText text, long entryAt)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? model = null;
        string? pricedAs = null;
        string? source = null;
        DateTimeOffset? from = null;
        DateOnly? date = null;
        Rates? rates = null;
        long pricedAsAt = 0;
        while (ReadKey(ref reader, text, seen, EntryKeys, "an entry has \"model\", \"rates\" or \"priced_as\", and optional \"effective_from\", \"date\", \"source\" and \"comment\"") is { } key)
        {
            var valueAt = reader.TokenStartIndex;
            switch (key)
            {
                case "model":
                    model = ReadName(ref reader, text, key);
                    break;
                case "priced_as":
                    pricedAs = ReadName(ref reader, text, key);
                    pricedAsAt = valueAt;
                    break;
                case "effective_from":
                    from = ReadText(ref reader, text, key) is { } moment
                        ? Rfc3339.TryParse(moment.AsSpan(), out var parsed) ? parsed
                            : throw text.Error(valueAt, $"\"effective_from\" must be an RFC 3339 moment such as 2026-04-20T00:00:00Z or 2026-04-20T08:00:00+08:00, not \"{moment}\"")
                        : null;
                    break;
                case "date":
                    date = ReadText(ref reader, text, key) is { } day
                        ? DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay) ? parsedDay
                            : throw text.Error(valueAt, $"\"date\" (when the price was looked up) must be a day such as 2026-11-23, not \"{day}\"")
                        : null;
                    break;
                case "rates":
                    rates = ReadRates(ref reader, text);
                    break;
                case "source":
                    source = ReadText(ref reader, text, key);
                    break;
                default:
                    ReadText(ref reader, text, key);
                    break;
            }
        }

        if (model is null)
        {
            throw text.Error(entryAt, "\"model\" is missing; each entry names its model, such as \"model\": \"kimi-k2.6\"");
        }

        if (pricedAs is not null)
        {
            return rates is null
                ? (model, from, null, new ModelAlias { Model = model, EffectiveFrom = from, PricedAs = pricedAs, Date = date, Source = source })
                : throw text.Error(pricedAsAt, $"an entry with \"priced_as\" takes its rates from \"{pricedAs}\" and cannot also have \"rates\"");
        }

        if (rates is not { } given)
        {
            throw text.Error(entryAt, $"\"rates\" is missing; an entry needs \"rates\", {RatesShape}, or \"priced_as\" naming another model");
        }

        return (model, from, new ModelPrice
        {
            Model = model,
            EffectiveFrom = from,
            CacheMissPerMillion = given.CacheMiss,
            CacheHitPerMillion = given.CacheHit,
            CacheCreationPerMillion = given.CacheCreation,
            OutputPerMillion = given.Output,
            Date = date,
            Source = source,
        }, null);
    }

    private static Rates ReadRates(ref Utf8JsonReader reader, PriceFileText text)
    {
        var ratesAt = reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw text.Error(ratesAt, $"\"rates\" must be {RatesShape}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new decimal?[RateKeys.Length];
        while (ReadKey(ref reader, text, seen, RateKeys, "the rates are cache_hit, cache_miss, cache_creation and output (US dollars per 1M tokens)") is { } key)
        {
            values[Array.IndexOf(RateKeys, key)] = ReadRate(ref reader, text, key);
        }

        var missing = new[] { ("cache_miss", values[1]), ("output", values[3]) }.Where(static rate => rate.Item2 is null).Select(static rate => $"\"{rate.Item1}\"").ToList();
        return missing.Count == 0
            ? new Rates(values[0], values[1]!.Value, values[2], values[3]!.Value)
            : throw text.Error(ratesAt, $"\"rates\" must be {RatesShape}: {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} missing");
    }

    private static decimal? ReadRate(ref Utf8JsonReader reader, PriceFileText text, string key)
    {
        var at = reader.TokenStartIndex;
        var required = key is "cache_miss" or "output";
        if (reader.TokenType == JsonTokenType.Null && !required)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw text.Error(at, $"\"{key}\" must be a number of US dollars per 1M tokens, such as 0.95, not {Kind(reader.TokenType)}");
        }

        var written = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        if (!reader.TryGetDecimal(out var rate) || rate < 0m || rate > MaxRate)
        {
            throw text.Error(at, string.Create(CultureInfo.InvariantCulture, $"\"{key}\" must be between 0 and {MaxRate:N0} US dollars per 1M tokens, not {written}"));
        }

        return rate;
    }

    /// <summary>Reads the next key of an object, refusing unknown and repeated keys; null at the object's end.</summary>
    private static string? ReadKey(ref Utf8JsonReader reader, PriceFileText text, HashSet<string> seen, string[] known, string expected)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var at = reader.TokenStartIndex;
        var key = GetString(ref reader, text);
        if (!known.Contains(key, StringComparer.Ordinal))
        {
            var hint = RateKeys.Contains(key, StringComparer.Ordinal) && known != RateKeys
                ? $"rates go in \"rates\": {{\"cache_hit\": 0.16, \"cache_miss\": 0.95, \"output\": 4.0}}"
                : expected;
            throw text.Error(at, $"unknown key \"{key}\"; {hint}");
        }

        if (!seen.Add(key))
        {
            throw text.Error(at, $"\"{key}\" is given twice");
        }

        reader.Read();
        return key;
    }

    private static string? ReadText(ref Utf8JsonReader reader, PriceFileText text, string key) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => GetString(ref reader, text),
        _ => throw text.Error(reader.TokenStartIndex, $"\"{key}\" must be a string, not {Kind(reader.TokenType)}"),
    };

    private static string ReadName(ref Utf8JsonReader reader, PriceFileText text, string key)
    {
        var at = reader.TokenStartIndex;
        var name = reader.TokenType == JsonTokenType.String ? GetString(ref reader, text).Trim() : null;
        return string.IsNullOrEmpty(name)
            ? throw text.Error(at, $"\"{key}\" must be a model name such as \"kimi-k2.6\", not {(name is null ? Kind(reader.TokenType) : "an empty string")}")
            : name;
    }

    private static string GetString(ref Utf8JsonReader reader, PriceFileText text)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escape that is no character, such as a lone surrogate (\uD800).
            throw text.Error(reader.TokenStartIndex, "the string holds an escape that is no character");
        }
    }

    private static string Kind(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private readonly record struct Rates(decimal? CacheHit, decimal CacheMiss, decimal? CacheCreation, decimal Output);
}
