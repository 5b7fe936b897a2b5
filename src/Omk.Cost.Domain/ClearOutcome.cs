namespace Omk.Cost.Domain;

/// <summary>
/// What <see cref="ICostSink.ClearAsync"/> removed.
/// </summary>
/// <param name="RemovedSessions">The number of sessions removed, or null when the store was unreadable.</param>
/// <param name="MovedAsideTo">Where unreadable stored data was moved so that no byte is lost, or null.</param>
public sealed record ClearOutcome(long? RemovedSessions, string? MovedAsideTo);
