using Omk.Cost.Domain;

namespace Omk.Cli.Output;

/// <summary>The <c>--json</c> document of <c>omk cost record</c>: the recorded session, with the history's key names.</summary>
/// <param name="SessionType">The session type.</param>
/// <param name="Name">The session's name.</param>
/// <param name="StartedAt">When the session started, in RFC 3339 UTC.</param>
/// <param name="EndedAt">When the session ended, in RFC 3339 UTC, or null.</param>
/// <param name="Estimate">The session's estimate.</param>
/// <param name="ActualUsd">What the session really cost, or null.</param>
internal sealed record SessionDocument(string SessionType, string Name, string StartedAt, string? EndedAt, EstimateDocument Estimate, decimal? ActualUsd)
{
    /// <summary>Creates the document of a session.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The document.</returns>
    public static SessionDocument From(SessionCost session) => new(
        session.SessionType,
        session.Name,
        Rfc3339.Format(session.StartedAt),
        session.EndedAt is { } ended ? Rfc3339.Format(ended) : null,
        EstimateDocument.From(session.Estimate),
        session.ActualUsd);
}
