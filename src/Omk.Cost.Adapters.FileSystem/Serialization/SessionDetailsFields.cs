using System.Buffers;
using System.Text.Json;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// How <c>costs.json</c> stores a session's <see cref="SessionUsageDetails"/>: four keys after <c>id</c>, written all
/// together (a null model or project as <c>null</c>), as the first version of <c>omk cost import kimi</c> wrote them.
/// </summary>
internal static class SessionDetailsFields
{
    public const string Model = "model";

    public const string Project = "project";

    public const string CacheReadTokens = "cache_read_tokens";

    public const string CacheCreationTokens = "cache_creation_tokens";

    /// <summary>Tells whether a key is one of the four detail keys.</summary>
    public static bool IsDetailKey(string key) => key is Model or Project or CacheReadTokens or CacheCreationTokens;

    /// <summary>Adds the four keys of <paramref name="details"/> to a document's extra fields, in their order.</summary>
    public static void Write(SessionUsageDetails details, Dictionary<string, JsonElement> fields)
    {
        fields[Model] = Build(details.Model);
        fields[Project] = Build(details.Project);
        fields[CacheReadTokens] = Build(details.CacheReadTokens);
        fields[CacheCreationTokens] = Build(details.CacheCreationTokens);
    }

    private static JsonElement Build(string? value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }

        return Parse(buffer);
    }

    private static JsonElement Build(ulong value)
    {
        var buffer = new ArrayBufferWriter<byte>(24);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteNumberValue(value);
        }

        return Parse(buffer);
    }

    private static JsonElement Parse(ArrayBufferWriter<byte> buffer)
    {
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
