namespace Omk.Cost.Adapters.Kimi.Json;

/// <summary>A model without a price in the <c>--json</c> document.</summary>
internal sealed class UnpricedDocument
{
    public string Model { get; init; } = string.Empty;

    public ulong Tokens { get; init; }
}
