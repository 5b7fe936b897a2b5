using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Omk.Cli.Output;

/// <summary>Writes the JSON documents of <c>--json</c> to a command's output.</summary>
internal static class CliJson
{
    /// <summary>Writes one document followed by a line break.</summary>
    /// <typeparam name="T">The document's type.</typeparam>
    /// <param name="output">The output.</param>
    /// <param name="document">The document.</param>
    /// <param name="typeInfo">The source-generated serializer of the document.</param>
    public static void Write<T>(TextWriter output, T document, JsonTypeInfo<T> typeInfo) =>
        output.Write(JsonSerializer.Serialize(document, typeInfo) + "\n");
}
