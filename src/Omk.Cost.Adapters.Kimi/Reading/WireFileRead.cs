
namespace Omk.Cost.Adapters.Kimi.Reading;

/// <summary>What one read of a log file found.</summary>
/// <param name="Committed">The state up to the last line with a line feed: what the index may keep.</param>
/// <param name="Final">The state with the last line too when it has no line feed yet (else <paramref name="Committed"/>): what counts now.</param>
internal sealed record WireFileRead(WireFileState Committed, WireFileState Final);
