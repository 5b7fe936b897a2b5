using Omk.Cost.Domain;

namespace Omk.Cost.Application.Runs;

/// <summary>One agent session of a run, metered from its logs: its calls since the run started, and its record.</summary>
public sealed record MeteredSession
{
    /// <summary>Gets the agent's id of the session.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session's model calls since the run started (its subagents' included), in the order logged.</summary>
    public required IReadOnlyList<MeteredCall> Calls { get; init; }

    /// <summary>Gets what those calls cost in US dollars (the priced ones, when some model has no price).</summary>
    public required decimal SpentUsd { get; init; }

    /// <summary>
    /// Gets what the session's calls before the run cost in US dollars (the priced ones): a session the run resumed
    /// (Kimi's <c>--continue</c>, <c>--resume</c>) spent it before, and none of the run's reservations stands for it; 0
    /// for a session the run started.
    /// </summary>
    public decimal EarlierUsd { get; init; }

    /// <summary>Gets a value indicating whether the session has calls from before the run: the run resumed it.</summary>
    internal bool Resumed { get; init; }

    /// <summary>Gets a value indicating whether every call's model has a price.</summary>
    public required bool CostKnown { get; init; }

    /// <summary>Gets the session as the ledger records it: tokens, model, project and cost of those calls.</summary>
    public required SessionCost Record { get; init; }

    /// <summary>
    /// Gets the whole session, its calls before the run too, as an import records it (<c>omk cost import kimi</c>), for
    /// a session the run resumed whose every call has a price; null for a session the run started.
    /// </summary>
    public SessionCost? Whole { get; init; }
}
