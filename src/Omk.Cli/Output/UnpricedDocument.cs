namespace Omk.Cli.Output;

/// <summary>A model without a price in the <c>--json</c> document.</summary>
internal sealed class UnpricedDocument
{
    public string Model { get; init; } = string.Empty;

    public ulong Tokens { get; init; }
}
