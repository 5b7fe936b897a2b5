using System.IO.Abstractions;
using System.Text.Json;

namespace Omk.Cost.Adapters.Kimi.Config;

/// <summary>
/// Finds the model of Kimi CLI sessions, which <c>wire.jsonl</c> does not name: from <c>config.toml</c>
/// (<c>default_model</c> and <c>[models.&lt;name&gt;] model</c>), else from a legacy <c>config.json</c> (<c>"model"</c>).
/// </summary>
internal static class KimiCliModelResolver
{
    public static string? Resolve(IFileSystem fileSystem, string root, ICollection<KimiLogWarning> warnings)
    {
        var toml = fileSystem.Path.Combine(root, "config.toml");
        if (fileSystem.File.Exists(toml))
        {
            try
            {
                if (TomlModelReader.ReadDefaultModel(fileSystem.File.ReadAllText(toml)) is { } model)
                {
                    return model;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new KimiLogWarning(toml, $"cannot be read: {exception.Message}"));
            }
        }

        var json = fileSystem.Path.Combine(root, "config.json");
        if (!fileSystem.File.Exists(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(fileSystem.File.ReadAllText(json), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var rootElement = document.RootElement;
            if (rootElement.ValueKind == JsonValueKind.Object)
            {
                if (rootElement.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
                {
                    return model.GetString();
                }

                if (rootElement.TryGetProperty("default_model", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    var defaultModel = name.GetString()!;
                    return rootElement.TryGetProperty("models", out var models) && models.ValueKind == JsonValueKind.Object
                        && models.TryGetProperty(defaultModel, out var entry) && entry.ValueKind == JsonValueKind.Object
                        && entry.TryGetProperty("model", out var id) && id.ValueKind == JsonValueKind.String
                        ? id.GetString()
                        : defaultModel;
                }
            }
        }
        catch (JsonException exception)
        {
            warnings.Add(new KimiLogWarning(json, $"not valid JSON: {exception.Message}"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new KimiLogWarning(json, $"cannot be read: {exception.Message}"));
        }

        return null;
    }
}
