using System.Buffers;
using System.Text.Json;
using Omk.Cost.Application.Stores;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem;

/// <summary>
/// How an outbox session names the reservation it settles: one more key of the session in <c>costs-outbox.json</c>,
/// <c>"settles_reservation": "r…"</c>. An omk that does not know the key reads it as an unknown field and still sends
/// the session (without settling), so outboxes stay readable by every version, and outboxes without it load as before.
/// </summary>
internal static class OutboxReservationField
{
    /// <summary>The key, beside the session's own.</summary>
    public const string Key = "settles_reservation";

    /// <summary>Gets the session with the key that names its reservation among its unknown fields.</summary>
    /// <param name="session">The session.</param>
    /// <param name="reservationId">The reservation it settles.</param>
    /// <returns>The session to write to the outbox.</returns>
    public static SessionCost Mark(SessionCost session, string reservationId)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(reservationId);
        }

        using var value = JsonDocument.Parse(buffer.WrittenMemory);
        return session with { ExtraFields = SessionExtraFieldsJson.From([.. Others(session), KeyValuePair.Create(Key, value.RootElement.Clone())]) };
    }

    /// <summary>Gets the entry of a session read from the outbox: the session without the key, and the reservation it names.</summary>
    /// <param name="session">The session as read.</param>
    /// <returns>The entry; one without a reservation when the key is missing or not a string.</returns>
    public static OutboxEntry Take(SessionCost session)
    {
        var field = session.ExtraFields is null
            ? default
            : SessionExtraFieldsJson.Elements(session.ExtraFields).FirstOrDefault(static field => field.Key == Key);
        return field.Key is null
            ? new OutboxEntry(session)
            : new OutboxEntry(
                session with { ExtraFields = SessionExtraFieldsJson.From(Others(session)) },
                field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null);
    }

    private static IEnumerable<KeyValuePair<string, JsonElement>> Others(SessionCost session) =>
        session.ExtraFields is null ? [] : SessionExtraFieldsJson.Elements(session.ExtraFields).Where(static field => field.Key != Key);
}
