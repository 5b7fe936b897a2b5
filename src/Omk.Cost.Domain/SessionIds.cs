using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Omk.Cost.Domain;

/// <summary>
/// Makes the ids of sessions: a fresh UUID v7 for a new record, or, for a session recorded without one, an id made
/// from its content and the machine it was recorded on, so that sending it twice (from the same machine) stores it once.
/// </summary>
internal sealed class SessionIds
{
    private readonly string _machine;
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="SessionIds"/> class for one history of one machine.</summary>
    /// <param name="machine">The machine whose history it is.</param>
    public SessionIds(string machine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machine);
        _machine = machine;
    }

    /// <summary>Gets a fresh, time-ordered id (UUID v7) for a session recorded now.</summary>
    /// <returns>The id.</returns>
    public static string NewRecordId() => Guid.CreateVersion7().ToString();

    /// <summary>
    /// Gets the id of the session that settles a reservation when it has none of its own: the same for every attempt at
    /// that settle, so that a settle tried again after a crash or a lost answer records its session once.
    /// </summary>
    /// <param name="reservationId">The reservation's id.</param>
    /// <returns><c>settle:</c> and the reservation's id.</returns>
    public static string ForSettle(string reservationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reservationId);
        return "settle:" + reservationId;
    }

    /// <summary>
    /// Gives a session its id for good, before the first attempt to store it: the store, every retry and the outbox
    /// then carry one id, so a step whose answer was lost is stored once however often it is sent again.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>The session itself when it has an id, else a copy with a fresh <see cref="NewRecordId"/>.</returns>
    public static SessionCost Identified(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Id is null ? session with { Id = NewRecordId() } : session;
    }

    /// <summary>
    /// Gets the id of a session that has none, from its content and the machine. Call it for the sessions of one
    /// history in their stored order: identical sessions (a session recorded twice) get different ids by their
    /// place among the identical ones, so none is taken for a copy of another. Each call for the same content counts
    /// the next place, so a caller that finds the id already held (an identical session given it by an earlier sync)
    /// asks again and gets the next one.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <returns>A UUID with version 8 (made from a SHA-256 of the content).</returns>
    public string ContentId(SessionCost session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var content = string.Join(
            '\u001f',
            _machine,
            session.SessionType,
            session.Name,
            session.StartedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            session.EndedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-",
            session.Estimate.InputTokens.ToString(CultureInfo.InvariantCulture),
            session.Estimate.OutputTokens.ToString(CultureInfo.InvariantCulture),
            session.Estimate.DurationSecs.ToString(CultureInfo.InvariantCulture),
            session.Estimate.WorkerCount.ToString(CultureInfo.InvariantCulture),
            session.Estimate.EstimatedUsd.ToString(CultureInfo.InvariantCulture),
            session.Estimate.Tier.Name(),
            session.ActualUsd?.ToString(CultureInfo.InvariantCulture) ?? "-");
        var occurrence = _seen[content] = _seen.GetValueOrDefault(content) + 1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{content}\u001f{occurrence}")));

        // RFC 9562 version 8 (custom) with the RFC 4122 variant, from the first 16 bytes of the hash.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
