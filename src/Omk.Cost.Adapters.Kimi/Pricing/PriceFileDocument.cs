namespace Omk.Cost.Adapters.Kimi.Pricing;

/// <summary>
/// A price file: the built-in table or a user's <c>prices.json</c>.
/// </summary>
internal sealed class PriceFileDocument
{
    public string? Comment { get; set; }

    public List<PriceEntryDocument>? Prices { get; set; }
}
