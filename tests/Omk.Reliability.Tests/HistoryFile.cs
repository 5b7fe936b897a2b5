using System.Text.Json;

namespace Omk.Reliability.Tests;

/// <summary>Reads costs.json independently of the sink: strict JSON, an array of objects with a name.</summary>
public static class HistoryFile
{
    public static List<string> Names(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.EnumerateArray().Select(session => session.GetProperty("name").GetString()!)];
    }
}
