using System.IO.Abstractions;
using System.Text.Json;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;
using Tomlyn;
using Tomlyn.Model;

namespace Omk.Cost.Adapters.Kimi.Reading.Config;

/// <summary>
/// Reads the model settings of a Kimi home: <c>config.toml</c> (Kimi CLI and Kimi Code), else the legacy
/// <c>config.json</c> of older Kimi CLI installs. Both write <c>default_model</c> and a <c>models</c> table of
/// aliases whose <c>model</c> is the API model id; some tools also accept a plain top-level <c>model</c>.
/// </summary>
/// <remarks>
/// TOML is parsed by Tomlyn (TOML 1.0/1.1: inline tables, quoted and dotted keys, multi-line strings, arrays of
/// tables); a file that cannot be read or parsed is reported in a warning and names no model.
/// </remarks>
internal static class KimiConfigFile
{
    public static KimiModelConfig Load(IFileSystem fileSystem, string root, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        var toml = fileSystem.Path.Combine(root, "config.toml");
        trace?.Add(toml);
        if (fileSystem.File.Exists(toml))
        {
            try
            {
                var config = ParseToml(RegularFile.ReadAllText(fileSystem, toml));
                if (config.DefaultModel is not null || config.Models.Count > 0)
                {
                    return config;
                }
            }
            catch (TomlException exception)
            {
                warnings.Add(new UsageWarning(toml, $"not valid TOML, so it names no model: {FirstLine(exception.Message)}"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                warnings.Add(new UsageWarning(toml, $"cannot be read: {exception.Message}"));
            }
        }

        var json = fileSystem.Path.Combine(root, "config.json");
        trace?.Add(json);
        if (!fileSystem.File.Exists(json))
        {
            return KimiModelConfig.Empty;
        }

        try
        {
            return ParseJson(RegularFile.ReadAllText(fileSystem, json));
        }
        catch (JsonException exception)
        {
            warnings.Add(new UsageWarning(json, $"not valid JSON: {exception.Message}"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new UsageWarning(json, $"cannot be read: {exception.Message}"));
        }

        return KimiModelConfig.Empty;
    }

    /// <summary>Reads the model settings of a <c>config.toml</c>.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="TomlException">The text is not valid TOML.</exception>
    public static KimiModelConfig ParseToml(string text)
    {
        var document = TomlSerializer.Deserialize(text, KimiTomlContext.Default.TomlTable) ?? new TomlTable();
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.TryGetValue("models", out var table) && table is TomlTable aliases)
        {
            foreach (var (alias, entry) in aliases)
            {
                if (entry is TomlTable settings && settings.TryGetValue("model", out var model) && model is string id && !string.IsNullOrWhiteSpace(id))
                {
                    models[alias] = id.Trim();
                }
            }
        }

        var defaultModel = StringOf(document, "default_model") ?? StringOf(document, "model");
        return new KimiModelConfig(defaultModel, models);
    }

    /// <summary>Reads the model settings of a legacy <c>config.json</c>.</summary>
    /// <param name="text">The file's text.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static KimiModelConfig ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return KimiModelConfig.Empty;
        }

        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("models", out var aliases) && aliases.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in aliases.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("model", out var id)
                    && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString()))
                {
                    models[entry.Name] = id.GetString()!.Trim();
                }
            }
        }

        var defaultModel = StringOf(root, "default_model") ?? StringOf(root, "model");
        return new KimiModelConfig(defaultModel, models);
    }

    private static string? StringOf(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static string? StringOf(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
