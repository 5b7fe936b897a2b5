using System.Text.Json;

namespace Omk.Cli.Status;

/// <summary>
/// The document Kimi Code writes on the standard input of its status-line command (<c>[status_line] command</c> in
/// <c>tui.toml</c>): JSON with <c>sessionId</c>, <c>model</c> and <c>cwd</c>.
/// </summary>
internal static class KimiStatusLine
{
    /// <summary>How long <c>omk cost status</c> waits for the document when its standard input is not a terminal.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(5);

    /// <summary>Gets the session id of the document; null when there is none, or the text is not such a document.</summary>
    /// <param name="text">What standard input held.</param>
    /// <returns>The session id, or null.</returns>
    public static string? SessionId(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("sessionId", out var id)
                && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null; // Not the document: the line shows without a session, as ever.
        }
    }
}
