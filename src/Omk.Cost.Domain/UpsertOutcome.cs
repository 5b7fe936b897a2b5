namespace Omk.Cost.Domain;

/// <summary>
/// What <see cref="ICostSink.UpsertAsync"/> did.
/// </summary>
/// <param name="Added">The sessions appended because no stored session had their identity.</param>
/// <param name="Replaced">The stored sessions replaced in place because their content changed.</param>
/// <param name="Unchanged">The sessions already stored exactly as given.</param>
public readonly record struct UpsertOutcome(int Added, int Replaced, int Unchanged);
