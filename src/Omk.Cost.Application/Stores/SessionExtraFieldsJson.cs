using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Omk.Cost.Domain;

namespace Omk.Cost.Application.Stores;

/// <summary>
/// The canonical JSON of a session's unknown fields (<see cref="SessionExtraFields"/>): the one form in which the file
/// store and the team store hand them to each other, so that the same fields read from either are equal.
/// </summary>
/// <remarks>
/// Each value is written compact (no insignificant white space, strings escaped minimally, the keys of its objects in
/// ordinal order), and the fields in the ordinal order of their keys. Numbers keep the digits they were written with,
/// as far as the store keeps them. The Domain holds the result as opaque text; only the stores call this.
/// </remarks>
internal static class SessionExtraFieldsJson
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates the fields from JSON values, or null when there are none.</summary>
    /// <param name="fields">The keys and their values; a later key replaces an earlier one of the same name.</param>
    /// <returns>The fields, or null.</returns>
    public static SessionExtraFields? From(IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var byKey = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            byKey[key] = value;
        }

        if (byKey.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in byKey)
            {
                writer.WritePropertyName(key);
                WriteCanonical(writer, value);
            }

            writer.WriteEndObject();
        }

        return new SessionExtraFields(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Reads the fields from the text of one JSON object, or null when it has none.</summary>
    /// <param name="jsonObject">A JSON object, such as <c>{"added_in": "0.6", "tags": ["a"]}</c>.</param>
    /// <returns>The fields, or null.</returns>
    /// <exception cref="FormatException">The text is not a JSON object.</exception>
    public static SessionExtraFields? FromJson(string jsonObject)
    {
        ArgumentNullException.ThrowIfNull(jsonObject);
        try
        {
            using var document = JsonDocument.Parse(jsonObject);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The extra fields of a session must be a JSON object.");
            }

            return From(document.RootElement.EnumerateObject().Select(static property => KeyValuePair.Create(property.Name, property.Value)));
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The extra fields of a session are not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Gets the fields as JSON values, parsed from their text.</summary>
    /// <param name="fields">The fields.</param>
    /// <returns>The keys and their values, in the ordinal order of the keys.</returns>
    public static IReadOnlyList<KeyValuePair<string, JsonElement>> Elements(SessionExtraFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var document = JsonDocument.Parse(fields.Text);
        return [.. document.RootElement.EnumerateObject().Select(static property => KeyValuePair.Create(property.Name, property.Value.Clone()))];
    }

    /// <summary>Writes a value with the keys of every object in it in ordinal order (a store may reorder them).</summary>
    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(static property => property.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
