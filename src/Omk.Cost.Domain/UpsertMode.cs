namespace Omk.Cost.Domain;

/// <summary>
/// Whether <see cref="ICostSink.UpsertAsync"/> stores the sessions or only says what storing them would do.
/// </summary>
public enum UpsertMode
{
    /// <summary>Store the sessions.</summary>
    Apply,

    /// <summary>Change nothing; count what would be added, replaced and left unchanged, by the same rules as <see cref="Apply"/>.</summary>
    DryRun,
}
