namespace Omk.Cost.Domain;

/// <summary>
/// What <see cref="ICostSink.UpsertAsync"/> did.
/// </summary>
/// <param name="Added">The sessions appended because no stored session had their identity.</param>
/// <param name="Replaced">The stored sessions replaced in place because their content changed.</param>
/// <param name="Unchanged">The sessions already stored exactly as given.</param>
/// <param name="Conflicts">
/// The sessions whose id another member of a team store recorded: their stored rows are left as they are, never
/// replaced (a store of one person has none).
/// </param>
public readonly record struct UpsertOutcome(int Added, int Replaced, int Unchanged, int Conflicts = 0);
