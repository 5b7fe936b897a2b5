using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omk.Cost.Domain;

/// <summary>
/// The fields of a stored session that this version of omk does not know (another version wrote them), each a JSON
/// value, carried unchanged from store to store: a session read from <c>costs.json</c> and sent to the team store
/// comes back with them.
/// </summary>
/// <remarks>
/// Each value is kept as compact JSON text (no insignificant white space, strings escaped minimally, the keys of its
/// objects in ordinal order), and the fields in the ordinal order of their keys, so that the same fields read from any
/// store are equal (PostgreSQL's <c>jsonb</c> reorders keys). Numbers keep the digits
/// they were written with, as far as the store keeps them.
/// </remarks>
public sealed class SessionExtraFields : IEquatable<SessionExtraFields>
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly KeyValuePair<string, string>[] _fields;

    private SessionExtraFields(KeyValuePair<string, string>[] fields)
    {
        _fields = fields;
    }

    /// <summary>Gets the fields: each key with its value as compact JSON text, in the ordinal order of the keys.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Gets how many fields there are; never zero.</summary>
    public int Count => _fields.Length;

    /// <summary>Creates the fields from JSON values, or null when there are none.</summary>
    /// <param name="fields">The keys and their values; a later key replaces an earlier one of the same name.</param>
    /// <returns>The fields, or null.</returns>
    public static SessionExtraFields? From(IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            byKey[key] = Compact(value);
        }

        return byKey.Count == 0 ? null : new SessionExtraFields([.. byKey]);
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

    /// <summary>Gets the fields as JSON values, each parsed from its text.</summary>
    /// <returns>The keys and their values, in the order of <see cref="Fields"/>.</returns>
    public IEnumerable<KeyValuePair<string, JsonElement>> Elements()
    {
        foreach (var (key, text) in _fields)
        {
            using var document = JsonDocument.Parse(text);
            yield return KeyValuePair.Create(key, document.RootElement.Clone());
        }
    }

    /// <summary>Writes the fields as one compact JSON object.</summary>
    /// <returns>The object's text, such as <c>{"added_in":"0.6","tags":["a"]}</c>.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            writer.WriteStartObject();
            foreach (var (key, text) in _fields)
            {
                writer.WritePropertyName(key);
                writer.WriteRawValue(text, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public bool Equals(SessionExtraFields? other)
    {
        if (other is null || other._fields.Length != _fields.Length)
        {
            return false;
        }

        for (var index = 0; index < _fields.Length; index++)
        {
            if (!string.Equals(_fields[index].Key, other._fields[index].Key, StringComparison.Ordinal)
                || !string.Equals(_fields[index].Value, other._fields[index].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SessionExtraFields);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var (key, text) in _fields)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(text, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => ToJson();

    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            WriteCanonical(writer, value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
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
