namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// One entry of a price file: per-class rates in US dollars per one million tokens, or <c>priced_as</c> another model.
/// </summary>
internal sealed class PriceEntryDocument
{
    public string? Model { get; set; }

    /// <summary>Gets or sets the RFC 3339 moment from which the entry applies, read by <c>Rfc3339</c>, or null.</summary>
    public string? EffectiveFrom { get; set; }

    public decimal? CacheHit { get; set; }

    public decimal? CacheMiss { get; set; }

    public decimal? CacheCreation { get; set; }

    public decimal? Output { get; set; }

    public string? PricedAs { get; set; }

    public DateOnly? Date { get; set; }

    public string? Source { get; set; }
}
