using System.Globalization;
using System.Text.Json;
using Omk.Cost.Domain;
using Omk.Cost.Domain.Usage;

namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// Reads a price file into a <see cref="PriceTable"/>, refusing anything that does not make sense.
/// </summary>
internal static class PriceFileParser
{
    /// <summary>The largest rate accepted, in US dollars per one million tokens.</summary>
    private const decimal MaxRate = 1_000_000m;

    public static PriceTable Parse(Stream json, string name)
    {
        PriceFileDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, KimiJsonContext.Default.PriceFileDocument);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, {exception.Path}")
                : string.Empty;
            throw new KimiPriceFileException($"{name}: not a valid price file{where}: {exception.Message}", exception);
        }

        if (document?.Prices is not { } entries)
        {
            throw new KimiPriceFileException($"{name}: not a valid price file: expected an object with a \"prices\" array.");
        }

        var prices = new List<ModelPrice>();
        var aliases = new List<ModelAlias>();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index] ?? throw Invalid(name, index, "the entry is null");
            if (string.IsNullOrWhiteSpace(entry.Model))
            {
                throw Invalid(name, index, "\"model\" is missing");
            }

            if (entry.PricedAs is not null)
            {
                aliases.Add(ToAlias(name, index, entry));
            }
            else
            {
                prices.Add(ToPrice(name, index, entry));
            }
        }

        return new PriceTable(prices, aliases);
    }

    private static ModelAlias ToAlias(string name, int index, PriceEntryDocument entry)
    {
        if (entry.CacheHit is not null || entry.CacheMiss is not null || entry.CacheCreation is not null || entry.Output is not null)
        {
            throw Invalid(name, index, "an entry with \"priced_as\" cannot also have rates");
        }

        if (string.IsNullOrWhiteSpace(entry.PricedAs))
        {
            throw Invalid(name, index, "\"priced_as\" is empty");
        }

        return new ModelAlias
        {
            Model = entry.Model!.Trim(),
            EffectiveFrom = EffectiveFrom(name, index, entry),
            PricedAs = entry.PricedAs.Trim(),
            Date = entry.Date,
            Source = entry.Source,
        };
    }

    private static ModelPrice ToPrice(string name, int index, PriceEntryDocument entry)
    {
        if (entry.CacheMiss is not { } cacheMiss || entry.Output is not { } output)
        {
            throw Invalid(name, index, "an entry needs \"cache_miss\" and \"output\" rates, or \"priced_as\"");
        }

        CheckRate(name, index, "cache_miss", cacheMiss);
        CheckRate(name, index, "output", output);
        CheckRate(name, index, "cache_hit", entry.CacheHit);
        CheckRate(name, index, "cache_creation", entry.CacheCreation);
        return new ModelPrice
        {
            Model = entry.Model!.Trim(),
            EffectiveFrom = EffectiveFrom(name, index, entry),
            CacheMissPerMillion = cacheMiss,
            CacheHitPerMillion = entry.CacheHit,
            CacheCreationPerMillion = entry.CacheCreation,
            OutputPerMillion = output,
            Date = entry.Date,
            Source = entry.Source,
        };
    }

    private static DateTimeOffset? EffectiveFrom(string name, int index, PriceEntryDocument entry)
    {
        if (entry.EffectiveFrom is null)
        {
            return null;
        }

        return Rfc3339.TryParse(entry.EffectiveFrom.AsSpan(), out var moment)
            ? moment
            : throw Invalid(name, index, $"\"effective_from\" must be an RFC 3339 timestamp, such as 2026-04-20T15:28:10Z, not '{entry.EffectiveFrom}'");
    }

    private static void CheckRate(string name, int index, string field, decimal? rate)
    {
        if (rate is { } value && (value < 0m || value > MaxRate))
        {
            throw Invalid(name, index, string.Create(CultureInfo.InvariantCulture, $"\"{field}\" must be between 0 and {MaxRate} dollars per million tokens"));
        }
    }

    private static KimiPriceFileException Invalid(string name, int index, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name}: prices[{index}]: {what}."));
}
