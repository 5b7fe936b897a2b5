using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Omk.Cli.Output;

/// <summary>
/// Writes the JSON documents of <c>--json</c> to a command's output: indented with two spaces, and text as it is
/// (<c>修复登录超时</c>, <c>+08:00</c>) rather than as <c>\u</c> escapes, in both shapes, as the history file writes it.
/// </summary>
internal static class CliJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions LineOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes one document followed by a line break.</summary>
    /// <typeparam name="T">The document's type.</typeparam>
    /// <param name="output">The output.</param>
    /// <param name="document">The document.</param>
    /// <param name="typeInfo">The source-generated serializer of the document.</param>
    public static void Write<T>(TextWriter output, T document, JsonTypeInfo<T> typeInfo) =>
        Write(output, document, typeInfo, WriterOptions);

    /// <summary>Writes one document on one line (JSON Lines), text as it is, followed by a line break.</summary>
    /// <typeparam name="T">The document's type.</typeparam>
    /// <param name="output">The output.</param>
    /// <param name="document">The document.</param>
    /// <param name="typeInfo">The source-generated serializer of the document.</param>
    public static void WriteLine<T>(TextWriter output, T document, JsonTypeInfo<T> typeInfo) =>
        Write(output, document, typeInfo, LineOptions);

    private static void Write<T>(TextWriter output, T document, JsonTypeInfo<T> typeInfo, JsonWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            JsonSerializer.Serialize(writer, document, typeInfo);
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n");
    }
}
