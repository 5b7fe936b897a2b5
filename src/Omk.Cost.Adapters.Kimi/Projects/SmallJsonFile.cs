using System.IO.Abstractions;
using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Projects;

/// <summary>
/// Reads the small JSON side files of Kimi (indexes, session state) tolerantly: a missing file is nothing, an
/// unreadable or invalid one is a warning.
/// </summary>
internal static class SmallJsonFile
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static JsonDocument? TryRead(IFileSystem fileSystem, string path, ICollection<KimiLogWarning> warnings)
    {
        if (!fileSystem.File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonDocument.Parse(stream, Options);
        }
        catch (JsonException exception)
        {
            warnings.Add(new KimiLogWarning(path, $"not valid JSON, ignored: {exception.Message}"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new KimiLogWarning(path, $"cannot be read, ignored: {exception.Message}"));
        }

        return null;
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
