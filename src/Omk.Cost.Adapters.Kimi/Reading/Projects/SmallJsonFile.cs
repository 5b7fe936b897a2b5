using System.IO.Abstractions;
using System.Text.Json;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Reading.Projects;

/// <summary>
/// Reads the small JSON side files of Kimi (indexes, session state) tolerantly: a missing file is nothing, an
/// unreadable or invalid one (a named pipe or a device too, refused at once) is a warning.
/// </summary>
internal static class SmallJsonFile
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static JsonDocument? TryRead(IFileSystem fileSystem, string path, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        trace?.Add(path);
        if (!fileSystem.File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = RegularFile.OpenRead(fileSystem, path);
            return JsonDocument.Parse(stream, Options);
        }
        catch (JsonException exception)
        {
            warnings.Add(new UsageWarning(path, $"not valid JSON, ignored: {exception.Message}"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new UsageWarning(path, $"cannot be read, ignored: {exception.Message}"));
        }

        return null;
    }

    /// <summary>
    /// Reads the top-level string properties of a small JSON object file (such as a session's <c>state.json</c>)
    /// without building a document. A missing file gives nothing; an unreadable or invalid one, a warning.
    /// </summary>
    /// <param name="fileSystem">The file system.</param>
    /// <param name="path">The file.</param>
    /// <param name="warnings">Where to report a file that cannot be used.</param>
    /// <param name="trace">Receives the file's stamp before it is read, or null.</param>
    /// <returns>The non-empty top-level string properties by name, or null when the file is missing or unusable.</returns>
    public static Dictionary<string, string>? TryReadStrings(IFileSystem fileSystem, string path, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        trace?.Add(path);
        byte[] bytes;
        try
        {
            if (!fileSystem.File.Exists(path))
            {
                return null;
            }

            bytes = RegularFile.ReadAllBytes(fileSystem, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new UsageWarning(path, $"cannot be read, ignored: {exception.Message}"));
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected an object");
            }

            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.GetString() is { Length: > 0 } value)
                {
                    strings.TryAdd(name, value);
                }

                reader.Skip();
            }

            return strings;
        }
        catch (JsonException exception)
        {
            warnings.Add(new UsageWarning(path, $"not valid JSON, ignored: {exception.Message}"));
            return null;
        }
    }

    /// <summary>Gets the first of the named string properties of an object that is not empty.</summary>
    public static string? String(JsonElement element, params ReadOnlySpan<string> names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }
}
