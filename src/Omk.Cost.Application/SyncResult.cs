using Omk.Cost.Domain;

namespace Omk.Cost.Application;

/// <summary>What <see cref="SyncUseCase"/> sent to the team store.</summary>
public sealed record SyncResult
{
    /// <summary>Gets where the sessions came from, for messages.</summary>
    public required string From { get; init; }

    /// <summary>Gets where they were sent, for messages.</summary>
    public required string To { get; init; }

    /// <summary>Gets how many sessions the source held.</summary>
    public required int Sessions { get; init; }

    /// <summary>Gets how many of them were added, replaced or already there.</summary>
    public required UpsertOutcome Outcome { get; init; }

    /// <summary>Gets how many sessions were sent from the outbox.</summary>
    public required int FromOutbox { get; init; }

    /// <summary>Gets how many source sessions were first given an id.</summary>
    public required int Identified { get; init; }
}
