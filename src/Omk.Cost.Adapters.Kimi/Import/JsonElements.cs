using System.Buffers;
using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Import;

/// <summary>
/// Builds standalone <see cref="JsonElement"/> values without reflection.
/// </summary>
internal static class JsonElements
{
    public static JsonElement String(string? value) => Build(writer =>
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    });

    public static JsonElement Number(ulong value) => Build(writer => writer.WriteNumberValue(value));

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
