namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>
/// The two formats of Kimi's <c>wire.jsonl</c>.
/// </summary>
internal enum WireFormat
{
    /// <summary>Kimi CLI: <c>{"timestamp", "message": {"type", "payload"}}</c> lines.</summary>
    KimiCli,

    /// <summary>Kimi Code: typed records, usage in <c>usage.record</c>.</summary>
    KimiCode,
}
