using System.Text.Json;
using Omk.Cost.Domain;

namespace Omk.Cost.Adapters.FileSystem.Serialization;

/// <summary>
/// Gathers the <see cref="SessionDetailsFields"/> keys of one stored session while <see cref="SessionCostReader"/> reads it.
/// </summary>
internal struct SessionDetailsReader
{
    private bool _any;
    private string? _model;
    private string? _project;
    private ulong _cacheRead;
    private ulong _cacheCreation;

    /// <summary>Gets the details read, or null when the session has none.</summary>
    public readonly SessionUsageDetails? Details => _any
        ? new SessionUsageDetails { Model = _model, Project = _project, CacheReadTokens = _cacheRead, CacheCreationTokens = _cacheCreation }
        : null;

    /// <summary>
    /// Reads the value at the reader when <paramref name="key"/> is a detail key and the value has its type
    /// (a string or null for the model and project, a whole number for the token counts).
    /// </summary>
    /// <returns><see langword="false"/> when the key is not a detail, or its value is of another type: an unknown key.</returns>
    public bool TryRead(string key, ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        switch (key)
        {
            case SessionDetailsFields.Model when token is JsonTokenType.String or JsonTokenType.Null:
                _model = reader.GetString();
                break;
            case SessionDetailsFields.Project when token is JsonTokenType.String or JsonTokenType.Null:
                _project = reader.GetString();
                break;
            case SessionDetailsFields.CacheReadTokens when token == JsonTokenType.Number && reader.TryGetUInt64(out var read):
                _cacheRead = read;
                break;
            case SessionDetailsFields.CacheCreationTokens when token == JsonTokenType.Number && reader.TryGetUInt64(out var created):
                _cacheCreation = created;
                break;
            default:
                return false;
        }

        _any = true;
        return true;
    }
}
