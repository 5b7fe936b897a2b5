using System.Globalization;
using System.IO.Abstractions;
using System.Text.Json;
using Omk.Cost.Domain.Usage;
using Omk.Runtime.Atomic;

namespace Omk.Cost.Adapters.Kimi.Reading.Projects;

/// <summary>
/// Maps Kimi Code sessions to their project path: <c>session_index.jsonl</c> (<c>{sessionId, sessionDir, workDir}</c>
/// a line) by session, else <c>workspaces.json</c> (<c>{"workspaces": {"&lt;slug&gt;": {"root"}}}</c>) by workspace.
/// </summary>
internal sealed class KimiCodeWorkspaceIndex
{
    private readonly Dictionary<string, string> _bySession;
    private readonly Dictionary<string, string> _byWorkspace;

    private KimiCodeWorkspaceIndex(Dictionary<string, string> bySession, Dictionary<string, string> byWorkspace)
    {
        _bySession = bySession;
        _byWorkspace = byWorkspace;
    }

    public static KimiCodeWorkspaceIndex Load(IFileSystem fileSystem, string root, ICollection<UsageWarning> warnings, ReadTrace? trace = null)
    {
        var byWorkspace = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var document = SmallJsonFile.TryRead(fileSystem, fileSystem.Path.Combine(root, "workspaces.json"), warnings, trace))
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } rootElement
                && rootElement.TryGetProperty("workspaces", out var workspaces)
                && workspaces.ValueKind == JsonValueKind.Object)
            {
                foreach (var workspace in workspaces.EnumerateObject())
                {
                    if (SmallJsonFile.String(workspace.Value, "root", "path") is { } path)
                    {
                        byWorkspace.TryAdd(workspace.Name, path);
                    }
                }
            }
        }

        return new KimiCodeWorkspaceIndex(ReadSessionIndex(fileSystem, fileSystem.Path.Combine(root, "session_index.jsonl"), warnings, trace), byWorkspace);
    }

    public string? Resolve(string workspace, string sessionId) =>
        _bySession.GetValueOrDefault(sessionId) ?? _byWorkspace.GetValueOrDefault(workspace);

    private static Dictionary<string, string> ReadSessionIndex(IFileSystem fileSystem, string path, ICollection<UsageWarning> warnings, ReadTrace? trace)
    {
        trace?.Add(path);
        var bySession = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!fileSystem.File.Exists(path))
        {
            return bySession;
        }

        var invalid = 0;
        try
        {
            // Only a regular file is read: a named pipe or a device is refused at once, like every log.
            using var reader = new StreamReader(RegularFile.OpenRead(fileSystem, path));
            while (reader.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(line);
                    if (SmallJsonFile.String(document.RootElement, "sessionId") is { } session
                        && SmallJsonFile.String(document.RootElement, "workDir", "cwd") is { } workDir)
                    {
                        bySession[session] = workDir;
                    }
                }
                catch (JsonException)
                {
                    invalid++;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add(new UsageWarning(path, $"cannot be read, ignored: {exception.Message}"));
        }

        if (invalid > 0)
        {
            warnings.Add(new UsageWarning(path, invalid == 1 ? "skipped 1 line that is not valid JSON" : string.Create(CultureInfo.InvariantCulture, $"skipped {invalid} lines that are not valid JSON")));
        }

        return bySession;
    }
}
